package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;

import io.greenhouse.Hub;

/**
 * The Linux {@link Transport}: Netty 4.2's native {@code EpollIoHandler} ({@link EpollEngine}) driven by the
 * hub's loop, and Netty native descriptors for sockets, listeners, datagram sockets and pipes. The machinery of
 * {@code io.greenhouse.io.EpollPoller}, which holds one.
 *
 * <p>Design: each descriptor is added to epoll once, when it is opened, edge-triggered for both directions
 * ({@code EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET}), and removed when it is closed; parking a greenlet costs no
 * {@code epoll_ctl}. Greenlets always try the non-blocking call first and wait only after {@code EAGAIN}, so an
 * edge that arrives while nobody waits is never needed later. {@link #poll} is one {@code epoll_wait} (Netty
 * arms its timerfd for deadlines finer than a millisecond); each event wakes the greenlets waiting in its
 * direction, in the order the kernel reports them, and an error or hangup wakes both directions.
 * {@link #wakeup()} writes Netty's eventfd. An interrupt of the hub's thread also ends the wait (through the
 * JDK's {@link java.nio.channels.spi.AbstractSelector#begin()} hook).
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}.
 */
public final class EpollTransport extends Transport {
    private EpollEngine engine; // hub thread only; created by attach

    /** A transport whose descriptors are made when a hub attaches it; Netty's epoll must be available. */
    public EpollTransport() {
    }

    @Override
    public void attach(Hub hub) {
        super.attach(hub);
        if (engine == null) {
            engine = new EpollEngine(hub);
        }
    }

    private EpollEngine engine() {
        EpollEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("the epoll poller is not installed in a hub (Scheduler.resetPoller)");
        }
        return e;
    }

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        engine().run(timeoutNanos);
        afterPoll(ignoreInterrupts);
    }

    @Override
    public void wakeup() {
        EpollEngine e = engine;
        if (e != null) {
            e.wakeup();
        }
    }

    @Override
    protected void closeResources() {
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    public StreamHandle openStream(InetSocketAddress remote) throws IOException {
        boolean ipv6 = remote.getAddress() instanceof Inet6Address;
        return EpollStream.register(this, engine(), LinuxSocket.newSocketStream(ipv6));
    }

    @Override
    public ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException {
        return EpollListener.open(this, engine(), local, backlog);
    }

    @Override
    public DatagramHandle openDatagram(InetSocketAddress local) throws IOException {
        return EpollDatagram.open(this, engine(), local);
    }

    @Override
    public StreamHandle[] openPipe() throws IOException {
        FileDescriptor[] fds = FileDescriptor.pipe();
        StreamHandle source;
        try {
            source = EpollStream.register(this, engine(), fds[0]);
        } catch (IOException | RuntimeException e) {
            fds[1].close();
            throw e;
        }
        try {
            return new StreamHandle[] {source, EpollStream.register(this, engine(), fds[1])};
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "epoll";
    }
}
