package io.greenhouse.io.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The portable {@link Transport}: a plain {@link Selector} over non-blocking NIO channels, on every platform the
 * JDK supports. The machinery of {@code io.greenhouse.io.NioPoller}, which holds one.
 *
 * <p>Design: each channel is registered once, when it is opened, with an empty interest set; a greenlet
 * about to park turns on the interest for its direction and the last waiter to leave turns it off (NIO
 * selection is level-triggered, so a permanently armed writable socket would be reported on every poll).
 * The JDK applies interest changes at the next select and skips the system call when they cancel out.
 * {@link #poll} uses {@link Selector#select(java.util.function.Consumer, long)}, which hands over each ready
 * key without building a selected-key set; ready keys wake their waiters in the order the selector reports
 * them. {@link #wakeup()} is {@link Selector#wakeup()}. An interrupt of the hub's thread ends a select (the
 * JDK wakes the selector).
 *
 * <p>Why not Netty's {@code NioIoHandler}: it wraps this same selector with a task-queue protocol and an
 * optimised selected-key set that the consumer form of {@code select} already avoids; driving the selector
 * directly keeps one less layer between a park and {@code epoll_wait}.
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}.
 */
public final class NioTransport extends Transport {
    private final Selector selector; // immutable

    /**
     * Opens a selector.
     *
     * @throws UncheckedIOException if the JDK cannot open one
     */
    public NioTransport() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(NioRegistration::dispatch);
            } else if (timeoutNanos < 0) {
                selector.select(NioRegistration::dispatch);
            } else {
                // Rounded up to whole milliseconds (the selector's unit), so the wait is never short.
                long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
                selector.select(NioRegistration::dispatch, millis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        }
        afterPoll(ignoreInterrupts);
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    protected void closeResources() {
        try {
            // Lets the selector deregister the cancelled keys so their descriptors really close.
            selector.selectNow();
            selector.close();
        } catch (IOException e) {
            System.getLogger("io.greenhouse.io").log(System.Logger.Level.WARNING, "closing the selector failed", e);
        }
    }

    @Override
    public StreamHandle openStream(InetSocketAddress remote) throws IOException {
        return NioStream.register(this, selector, SocketChannel.open());
    }

    @Override
    public ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException {
        return NioListener.open(this, selector, local, backlog);
    }

    @Override
    public DatagramHandle openDatagram(InetSocketAddress local) throws IOException {
        return NioDatagram.open(this, selector, local);
    }

    @Override
    public StreamHandle[] openPipe() throws IOException {
        Pipe pipe = Pipe.open();
        StreamHandle source;
        try {
            source = NioStream.register(this, selector, pipe.source());
        } catch (IOException | RuntimeException e) {
            pipe.sink().close();
            throw e;
        }
        try {
            return new StreamHandle[] {source, NioStream.register(this, selector, pipe.sink())};
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "nio";
    }
}
