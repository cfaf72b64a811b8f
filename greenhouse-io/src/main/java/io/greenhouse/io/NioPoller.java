package io.greenhouse.io;

import java.io.UncheckedIOException;
import java.nio.channels.Selector;

import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.PollerProvider;
import io.greenhouse.io.internal.NioTransport;

/**
 * The portable I/O poller: a plain {@link Selector} over non-blocking NIO channels, on every platform the
 * JDK supports. Sockets, pipes and datagram sockets made on a hub with this poller are NIO channels.
 *
 * <p>Design: each channel is registered once, when it is opened; a greenlet about to park turns on the
 * interest for its direction and the last waiter to leave turns it off (NIO selection is level-triggered).
 * {@code poll} is one {@code select}, whose ready keys wake their waiters in the order the selector reports
 * them. {@link #wakeup()} is {@link Selector#wakeup()}. An interrupt of the hub's thread ends a select; see
 * {@link io.greenhouse.Scheduler#setIgnoreInterrupts(boolean)}.
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}.
 */
public final class NioPoller implements Poller {
    private final NioTransport transport;   // immutable; the machinery

    /**
     * Opens a selector.
     *
     * @throws UncheckedIOException if the JDK cannot open one
     */
    public NioPoller() {
        transport = new NioTransport();
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

    /** Closes every socket, pipe and pending call made on this poller, then the selector. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return transport.toString();
    }

    /**
     * Registers the NIO poller with {@link io.greenhouse.Scheduler#resetPoller()}: available wherever the
     * JDK can open a selector, below epoll.
     */
    public static final class Provider implements PollerProvider {
        /** Used by {@link java.util.ServiceLoader}. */
        public Provider() {
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public Poller create() {
            return new NioPoller();
        }

        @Override
        public String name() {
            return "nio";
        }
    }
}
