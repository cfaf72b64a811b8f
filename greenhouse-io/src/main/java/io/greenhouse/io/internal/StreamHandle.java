package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * A byte stream descriptor: a TCP socket or one end of a pipe. Every operation is non-blocking; the
 * public classes wait with {@link #awaitReadable}/{@link #awaitWritable} when an operation would block.
 * Socket-only operations throw {@link UnsupportedOperationException} on pipes.
 */
public abstract class StreamHandle extends PolledHandle {
    protected StreamHandle(GreenPoller poller) {
        super(poller);
    }

    /** Starts connecting; true if connected at once, false if in progress (wait writable, then finish). */
    public abstract boolean connect(InetSocketAddress remote) throws IOException;

    /** True once connected; false while in progress; throws the connection's error (ConnectException...). */
    public abstract boolean finishConnect() throws IOException;

    /** Reads into {@code dst}: the count (positive), 0 if it would block, -1 at end of stream. */
    public abstract int read(ByteBuffer dst) throws IOException;

    /** Writes from {@code src}: the count, 0 if it would block. */
    public abstract int write(ByteBuffer src) throws IOException;

    public abstract void shutdownInput() throws IOException;

    public abstract void shutdownOutput() throws IOException;

    public abstract InetSocketAddress localAddress() throws IOException;

    public abstract InetSocketAddress remoteAddress() throws IOException;

    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
