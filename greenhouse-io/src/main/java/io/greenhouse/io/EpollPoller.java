package io.greenhouse.io;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;

import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.PollerProvider;
import io.greenhouse.io.internal.DatagramHandle;
import io.greenhouse.io.internal.EpollDatagram;
import io.greenhouse.io.internal.EpollEngine;
import io.greenhouse.io.internal.EpollListener;
import io.greenhouse.io.internal.EpollStream;
import io.greenhouse.io.internal.GreenPoller;
import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.StreamHandle;

/**
 * The Linux I/O poller: Netty 4.2's native {@code EpollIoHandler} driven by the hub's loop. Sockets, pipes
 * and datagram sockets made on a hub with this poller are Netty native descriptors.
 *
 * <p>Design: each descriptor is added to epoll once, when it is opened, edge-triggered for both
 * directions ({@code EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET}), and removed when it is closed; parking a
 * greenlet costs no {@code epoll_ctl}. Greenlets always try the non-blocking call first and wait only after
 * {@code EAGAIN}, so an edge that arrives while nobody waits is never needed later. {@code poll} is one
 * {@code epoll_wait} (Netty arms its timerfd for deadlines finer than a millisecond); each event wakes the
 * greenlets waiting in its direction, in the order the kernel reports them, and an error or hangup wakes
 * both directions. {@link #wakeup()} writes Netty's eventfd. An interrupt of the hub's thread also ends the
 * wait (through the JDK's {@link java.nio.channels.spi.AbstractSelector#begin()} hook); see
 * {@link io.greenhouse.Scheduler#setIgnoreInterrupts(boolean)}.
 *
 * <p>Availability as Netty reports it: {@link Provider#isAvailable()} is {@link Epoll#isAvailable()}, and
 * {@link Provider#unavailabilityCause()} says why not.
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}.
 */
public final class EpollPoller extends GreenPoller {
    private EpollEngine engine; // hub thread only; created by attach

    /**
     * Creates an epoll poller; its descriptors are made when a hub installs it.
     *
     * @throws UnsatisfiedLinkError or another error if Netty's native epoll transport cannot load here
     *         ({@link Provider#isAvailable()} says so beforehand)
     */
    public EpollPoller() {
        Epoll.ensureAvailability();
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

    /**
     * Registers the epoll poller with {@link io.greenhouse.Scheduler#resetPoller()}, above NIO, where Netty's
     * native epoll transport loads.
     */
    public static final class Provider implements PollerProvider {
        /** Used by {@link java.util.ServiceLoader}. */
        public Provider() {
        }

        @Override
        public int priority() {
            return 20;
        }

        @Override
        public boolean isAvailable() {
            return Epoll.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return Epoll.unavailabilityCause();
        }

        @Override
        public Poller create() {
            return new EpollPoller();
        }

        @Override
        public String name() {
            return "epoll";
        }
    }
}
