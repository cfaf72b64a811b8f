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
    protected StreamHandle(Transport transport) {
        super(transport);
    }

    /** Starts connecting; true if connected at once, false if in progress (wait writable, then finish). */
    public abstract boolean connect(InetSocketAddress remote) throws IOException;

    /** True once connected; false while in progress; throws the connection's error (ConnectException...). */
    public abstract boolean finishConnect() throws IOException;

    /** Reads into {@code dst}: the count (positive), 0 if it would block, -1 at end of stream. */
    public abstract int read(ByteBuffer dst) throws IOException;

    /** Writes from {@code src}: the count, 0 if it would block. */
    public abstract int write(ByteBuffer src) throws IOException;

    /**
     * Reads what is available into {@code dst}, waiting (each wait at most {@code timeout} nanoseconds,
     * negative: no limit) while nothing is: the count, at least 1 unless {@code dst} is full, or -1 at end of
     * stream. The blocking read of sockets and pipes.
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

    /** Writes some of {@code src}, waiting as {@link #readSome} while nothing can be written: the count. */
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

    /** Writes all of {@code src}, waiting as {@link #readSome} whenever nothing can be written. */
    public final void writeAll(ByteBuffer src, long timeout) throws SuspendExecution, IOException {
        checkOpen();
        while (src.hasRemaining()) {
            if (write(src) == 0) {
                await(WRITE, timeout);
            }
        }
    }

    public abstract void shutdownInput() throws IOException;

    public abstract void shutdownOutput() throws IOException;

    public abstract InetSocketAddress localAddress() throws IOException;

    public abstract InetSocketAddress remoteAddress() throws IOException;

    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
