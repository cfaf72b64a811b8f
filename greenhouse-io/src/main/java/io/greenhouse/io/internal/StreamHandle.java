package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A byte stream descriptor: a TCP socket or one end of a pipe. Every operation is non-blocking; the
 * public classes wait with {@link #await} when an operation would block.
 * Socket-only operations throw {@link UnsupportedOperationException} on pipes.
 */
public abstract class StreamHandle extends PolledHandle {
    /**
     * A stream handle of {@code transport}; the subclass registers its descriptor and then calls {@link #linked()}.
     *
     * @param transport the transport that registers it and reports its readiness
     */
    protected StreamHandle(Transport transport) {
        super(transport);
    }

    /**
     * Starts connecting; true if connected at once, false if in progress (wait writable, then finish).
     *
     * @param remote the resolved address to connect to
     * @return true if connected at once
     * @throws IOException if the connection failed at once ({@link java.net.ConnectException}...)
     */
    public abstract boolean connect(InetSocketAddress remote) throws IOException;

    /**
     * True once connected; false while in progress; throws the connection's error (ConnectException...).
     *
     * @return true once connected, false while in progress
     * @throws IOException the connection's error ({@link java.net.ConnectException}...)
     */
    public abstract boolean finishConnect() throws IOException;

    /**
     * Reads into {@code dst}: the count (positive), 0 if it would block, -1 at end of stream.
     *
     * @param dst the buffer to read into, from its position
     * @return the number of bytes read, 0, or -1
     * @throws IOException if the connection failed (reset by the peer...)
     */
    public abstract int read(ByteBuffer dst) throws IOException;

    /**
     * Writes from {@code src}: the count, 0 if it would block.
     *
     * @param src the bytes to write, from its position to its limit
     * @return the number of bytes written, or 0
     * @throws IOException if the connection failed (reset by the peer...)
     */
    public abstract int write(ByteBuffer src) throws IOException;

    /**
     * Reads what is available into {@code dst}, waiting (each wait at most {@code timeout} nanoseconds,
     * negative: no limit) while nothing is: the count, at least 1 unless {@code dst} is full, or -1 at end of
     * stream. The blocking read of sockets and pipes.
     *
     * @param dst the buffer to read into, from its position
     * @param timeout nanoseconds per wait; negative: no limit
     * @return the number of bytes read, or -1
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException as {@link #await}, or if the connection failed
     */
    public final int readSome(ByteBuffer dst, long timeout) throws SuspendExecution, IOException {
        checkOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        int n;
        while ((n = read(dst)) == 0) {
            await(READ, timeout);
        }
        return n;
    }

    /**
     * Writes some of {@code src}, waiting as {@link #readSome} while nothing can be written: the count.
     *
     * @param src the bytes to write, from its position to its limit; its position advances
     * @param timeout nanoseconds per wait; negative: no limit
     * @return the number of bytes written, at least 1 unless {@code src} is empty
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException as {@link #await}, or if the connection failed
     */
    public final int writeSome(ByteBuffer src, long timeout) throws SuspendExecution, IOException {
        checkOpen();
        if (!src.hasRemaining()) {
            return 0;
        }
        int n;
        while ((n = write(src)) == 0) {
            await(WRITE, timeout);
        }
        return n;
    }

    /**
     * Writes all of {@code src}, waiting as {@link #readSome} whenever nothing can be written.
     *
     * @param src the bytes to write, from its position to its limit; its position advances to the limit
     * @param timeout nanoseconds per wait; negative: no limit
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException as {@link #await}, or if the connection failed
     */
    public final void writeAll(ByteBuffer src, long timeout) throws SuspendExecution, IOException {
        checkOpen();
        while (src.hasRemaining()) {
            if (write(src) == 0) {
                await(WRITE, timeout);
            }
        }
    }

    /**
     * Shuts down the reading side: further reads see end of stream.
     *
     * @throws IOException if the descriptor is closed or the shutdown failed
     */
    public abstract void shutdownInput() throws IOException;

    /**
     * Shuts down the writing side: the peer sees end of stream.
     *
     * @throws IOException if the descriptor is closed or the shutdown failed
     */
    public abstract void shutdownOutput() throws IOException;

    /**
     * The local address.
     *
     * @return the local address
     * @throws IOException if the descriptor is closed or the address cannot be read
     */
    public abstract InetSocketAddress localAddress() throws IOException;

    /**
     * The peer's address.
     *
     * @return the peer's address
     * @throws IOException if the descriptor is closed or not connected
     */
    public abstract InetSocketAddress remoteAddress() throws IOException;

    /**
     * Sets a socket option.
     *
     * @param <T> the option's value type
     * @param name the option
     * @param value its new value
     * @throws IOException if it cannot be set
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    /**
     * The value of a socket option.
     *
     * @param <T> the option's value type
     * @param name the option
     * @return its value
     * @throws IOException if it cannot be read
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
