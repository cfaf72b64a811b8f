/**
 * Internal: not API, may change in any release.
 *
 * <p>The simulated network as a plain model: hosts with {@code 127.77.x.y} addresses and port tables, TCP
 * connections as ordered, bounded byte streams with seeded latency, datagrams with seeded loss,
 * duplication and reordering, partitions, holds and crashes, and a queue of events ordered by (virtual
 * time, rank, sequence). It knows nothing of greenlets: a virtual-time poller drives it, and a transport puts
 * green sockets on its endpoints.
 */
package io.greenhouse.test.internal.net;
