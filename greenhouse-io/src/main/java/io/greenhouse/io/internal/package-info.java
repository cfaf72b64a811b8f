/**
 * Internal: not API, may change in any release.
 *
 * <p>The machinery behind {@code io.greenhouse.io}: the common base of the I/O pollers
 * ({@link io.greenhouse.io.internal.GreenPoller}), the per-descriptor waiting logic
 * ({@link io.greenhouse.io.internal.PolledHandle}) and its epoll and NIO implementations, and the small
 * thread pool that runs calls which cannot be made non-blocking (DNS, regular files).
 */
package io.greenhouse.io.internal;
