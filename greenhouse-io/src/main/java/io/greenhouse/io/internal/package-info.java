/**
 * Internal: not API, may change in any release.
 *
 * <p>The machinery behind {@code io.greenhouse.io}, and its transport SPI: {@link io.greenhouse.io.internal.Transport}
 * (the handle factories, name resolution and blocking calls that the public sockets use, and the waiting half of
 * a poller) with the handle kinds it makes ({@link io.greenhouse.io.internal.StreamHandle},
 * {@link io.greenhouse.io.internal.ListenerHandle}, {@link io.greenhouse.io.internal.DatagramHandle}, all
 * {@link io.greenhouse.io.internal.PolledHandle}s, which hold the waiting logic). This is the seam a simulated
 * network (greenhouse-test) implements: {@code Transport.current()} is how the public classes find the
 * transport of the calling thread's hub, whichever it is.
 *
 * <p>Implementations here: {@link io.greenhouse.io.internal.EpollTransport} (Netty's native epoll, held by
 * {@code EpollPoller}) and {@link io.greenhouse.io.internal.NioTransport} (a JDK selector, held by
 * {@code NioPoller}); their handle classes are package-private. {@link io.greenhouse.io.internal.Offload} runs
 * the calls that cannot be made non-blocking (DNS, regular files) on a small pool of daemon threads.
 */
package io.greenhouse.io.internal;
