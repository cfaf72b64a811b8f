/**
 * Cooperative sockets, pipes and files (greenhouse's {@code greenhouse.io}): blocking in style, never
 * blocking the hub's thread.
 *
 * <p>{@link io.greenhouse.io.GreenSocket}, {@link io.greenhouse.io.GreenServerSocket},
 * {@link io.greenhouse.io.GreenDatagramSocket}, {@link io.greenhouse.io.GreenPipe} and
 * {@link io.greenhouse.io.GreenFile} block only the calling greenlet. They work on whichever I/O poller the
 * hub has: {@link io.greenhouse.io.EpollPoller} (Netty's native epoll, Linux) or
 * {@link io.greenhouse.io.NioPoller} (a JDK selector, everywhere). Both register themselves with
 * {@link io.greenhouse.Scheduler#resetPoller()}, which prefers epoll where it loads.
 */
package io.greenhouse.io;
