package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NonReadableChannelException;

import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;

/**
 * One end of a pipe on virtual time: a bounded buffer in memory, with no latency (a pipe never leaves its
 * host). A write wakes the reader at once, a read the writer; a writer blocks while the buffer is full, as a
 * kernel pipe's does.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SimPipe extends StreamHandle {
    /** The bytes a pipe holds, as Linux's default pipe does. */
    static final int CAPACITY = 65536;

    private final Buffer buffer;      // immutable; shared by both ends
    private final boolean readEnd;    // immutable
    private SimPipe peer;             // sim thread; set once

    private SimPipe(Transport transport, Buffer buffer, boolean readEnd) throws IOException {
        super(transport);
        this.buffer = buffer;
        this.readEnd = readEnd;
        linked();
    }

    /** A new pipe: element 0 is the read end, element 1 the write end. */
    static StreamHandle[] open(Transport transport) throws IOException {
        Buffer b = new Buffer();
        SimPipe source = new SimPipe(transport, b, true);
        SimPipe sink = new SimPipe(transport, b, false);
        source.peer = sink;
        sink.peer = source;
        return new StreamHandle[] {source, sink};
    }

    /** The bytes in flight, a ring. */
    private static final class Buffer {
        final byte[] data = new byte[CAPACITY];   // sim thread
        int head;                                 // sim thread; next byte to read
        int size;                                 // sim thread; bytes held
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!readEnd) {
            throw new NonReadableChannelException();
        }
        checkOpen();
        Buffer b = buffer;
        if (b.size == 0) {
            return peer.isClosed() ? -1 : 0;
        }
        int n = Math.min(b.size, dst.remaining());
        for (int i = 0; i < n; i++) {
            dst.put(b.data[(b.head + i) % CAPACITY]);
        }
        b.head = (b.head + n) % CAPACITY;
        b.size -= n;
        if (n > 0) {
            peer.readyToWrite();
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (readEnd) {
            throw new NonWritableChannelException();
        }
        checkOpen();
        if (peer.isClosed()) {
            throw new IOException("Broken pipe");
        }
        Buffer b = buffer;
        int n = Math.min(CAPACITY - b.size, src.remaining());
        for (int i = 0; i < n; i++) {
            b.data[(b.head + b.size + i) % CAPACITY] = src.get();
        }
        b.size += n;
        if (n > 0) {
            peer.readyToRead();
        }
        return n;
    }

    @Override
    protected void closeDescriptor() {
        // The other end finds out at its next operation: end of stream, or a broken pipe.
        if (readEnd) {
            peer.readyToWrite();
        } else {
            peer.readyToRead();
        }
    }

    @Override
    public String describe() {
        return "simulated pipe (" + (readEnd ? "read" : "write") + " end)";
    }

    @Override
    public boolean connect(InetSocketAddress remote) {
        throw new UnsupportedOperationException("a pipe does not connect");
    }

    @Override
    public boolean finishConnect() throws IOException {
        checkOpen();
        return true;
    }

    @Override
    public void shutdownInput() {
        throw new UnsupportedOperationException("a pipe has no half-close: close the end");
    }

    @Override
    public void shutdownOutput() {
        throw new UnsupportedOperationException("a pipe has no half-close: close the end");
    }

    @Override
    public InetSocketAddress localAddress() {
        throw new UnsupportedOperationException("a pipe has no address");
    }

    @Override
    public InetSocketAddress remoteAddress() {
        throw new UnsupportedOperationException("a pipe has no address");
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException("a pipe has no socket options");
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException("a pipe has no socket options");
    }
}
