package io.greenhouse.io.internal;

import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

/**
 * Makes {@link Thread#interrupt()} of the hub's thread end a native wait that the JDK does not know about
 * (Netty's {@code epoll_wait}).
 *
 * <p>The JDK's public hook for this is {@link AbstractSelector#begin()}/{@link AbstractSelector#end()}:
 * between them, an interrupt of the thread calls the selector's {@link #wakeup()}. This selector selects
 * nothing; its {@code wakeup} runs the poller's wakeup (an eventfd write). Used only around blocking waits.
 */
final class InterruptWakeup extends AbstractSelector {
    private final Runnable wakeup; // immutable; thread-safe

    InterruptWakeup(Runnable wakeup) {
        super(SelectorProvider.provider());
        this.wakeup = wakeup;
    }

    /** Arms the hook; returns false if the thread is already interrupted (then do not wait). */
    boolean enter() {
        begin();
        return !Thread.currentThread().isInterrupted();
    }

    /** Disarms the hook. */
    void exit() {
        end();
    }

    @Override
    public Selector wakeup() {
        wakeup.run();
        return this;
    }

    @Override
    protected void implCloseSelector() {
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw new UnsupportedOperationException("selects nothing");
    }

    @Override
    public Set<SelectionKey> keys() {
        return Set.of();
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        return Set.of();
    }

    @Override
    public int selectNow() {
        return 0;
    }

    @Override
    public int select(long timeout) {
        return 0;
    }

    @Override
    public int select() {
        return 0;
    }
}
