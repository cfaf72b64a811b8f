/**
 * Internal: not API, may change in any release.
 *
 * <p>The machinery of {@code io.greenhouse.test}: seeds and the per-purpose random streams drawn from them,
 * the trace log, the virtual-time poller, and the seams where the simulated transport and the host of a
 * greenlet plug in.
 */
package io.greenhouse.test.internal;
