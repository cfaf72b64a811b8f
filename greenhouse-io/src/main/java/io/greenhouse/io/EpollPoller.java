package io.greenhouse.io;

import io.netty.channel.epoll.Epoll;

import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.PollerProvider;
import io.greenhouse.io.internal.EpollTransport;

/**
 * The Linux I/O poller: Netty 4.2's native {@code EpollIoHandler} driven by the hub's loop. Sockets, pipes
 * and datagram sockets made on a hub with this poller are Netty native descriptors.
 *
 * <p>Design: each descriptor is added to epoll once, when it is opened, edge-triggered for both directions,
 * and removed when it is closed, so parking a greenlet costs no {@code epoll_ctl}; {@code poll} is one
 * {@code epoll_wait}, whose events wake the greenlets waiting in their direction in the order the kernel
 * reports them. {@link #wakeup()} writes Netty's eventfd. An interrupt of the hub's thread also ends the wait;
 * see {@link io.greenhouse.Scheduler#setIgnoreInterrupts(boolean)}.
 *
 * <p>Availability as Netty reports it: {@link Provider#isAvailable()} is {@link Epoll#isAvailable()}, and
 * {@link Provider#unavailabilityCause()} says why not.
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}.
 */
public final class EpollPoller implements Poller {
    private final EpollTransport transport;   // immutable; the machinery

    /**
     * Creates an epoll poller; its descriptors are made when a hub installs it.
     *
     * @throws UnsatisfiedLinkError or another error if Netty's native epoll transport cannot load here
     *         ({@link Provider#isAvailable()} says so beforehand)
     */
    public EpollPoller() {
        Epoll.ensureAvailability();
        transport = new EpollTransport();
    }

    @Override
    public void attach(Hub hub) {
        transport.attach(hub);
    }

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        transport.poll(timeoutNanos, ignoreInterrupts);
    }

    @Override
    public void wakeup() {
        transport.wakeup();
    }

    @Override
    public boolean hasPendingWork() {
        return transport.hasPendingWork();
    }

    @Override
    public String describeWait(Greenlet greenlet) {
        return transport.describeWait(greenlet);
    }

    /** Closes every socket, pipe and pending call made on this poller, then epoll's descriptors. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return transport.toString();
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
