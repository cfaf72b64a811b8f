package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.internal.PolledHandle;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;

/**
 * A greenlet-blocking version of {@link java.nio.channels.Pipe} (greenhouse's {@code greenhouse.io.pipe()}):
 * a one-way byte channel whose {@link Source} reads and {@link Sink} writes block only the calling greenlet.
 * Both ends are non-blocking descriptors registered with the hub's poller (an OS pipe under epoll, a JDK
 * pipe under NIO).
 * <pre>{@code
 * GreenPipe pipe = GreenPipe.open();
 * Scheduler.schedule(() -> pipe.sink().write("howdy".getBytes(US_ASCII)));
 * byte[] got = pipe.source().read(5);   // "howdy"
 * }</pre>
 *
 * <p>Waiting, timeouts, closing and threading are as for {@link GreenSocket}.
 */
public final class GreenPipe implements Closeable {
    private final Source source; // immutable
    private final Sink sink;     // immutable

    private GreenPipe(StreamHandle[] ends) {
        this.source = new Source(ends[0]);
        this.sink = new Sink(ends[1]);
    }

    /**
     * Opens a pipe on the hub's poller.
     *
     *
     * @return the pipe, both ends open
     * @throws IllegalStateException if the hub's poller cannot watch I/O (call
     *         {@link io.greenhouse.Scheduler#resetPoller()})
     * @throws IOException if the system cannot make a pipe
     */
    public static GreenPipe open() throws IOException {
        return new GreenPipe(Transport.current().openPipe());
    }

    /**
     * The read end.
     *
     * @return the source: what the sink writes, it reads
     */
    public Source source() {
        return source;
    }

    /**
     * The write end.
     *
     * @return the sink
     */
    public Sink sink() {
        return sink;
    }

    /** Closes both ends. */
    @Override
    public void close() {
        sink.close();
        source.close();
    }

    /** What both ends share: the handle, the timeout, closing. */
    abstract static class End implements Closeable {
        final StreamHandle io;       // immutable
        long timeout = -1;           // hub thread only; nanoseconds per wait, negative: none

        End(StreamHandle io) {
            this.io = io;
        }

        /**
         * Sets how long each wait may last, in seconds; negative means no limit (the default).
         *
         * @param secs seconds each wait may last; negative: no limit; not NaN
         */
        public void setTimeout(double secs) {
            timeout = PolledHandle.timeoutNanos(secs);
        }

        /**
         * The timeout in seconds; -1 means none.
         *
         * @return the timeout, in seconds, or -1
         */
        public double timeout() {
            return PolledHandle.timeoutSeconds(timeout);
        }

        /**
         * Whether this end is closed.
         *
         * @return true once closed
         */
        public boolean isClosed() {
            return io.isClosed();
        }

        /** Closes this end; greenlets blocked on it wake with {@link java.nio.channels.AsynchronousCloseException}. */
        @Override
        public void close() {
            io.close();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + io.describe() + (io.isClosed() ? ", closed" : "") + "]";
        }
    }

    /** The read end of a pipe. */
    public static final class Source extends End {
        Source(StreamHandle io) {
            super(io);
        }

        /**
         * Reads what is available into {@code dst}; if nothing is, blocks as {@link GreenSocket#read}.
         *
         *
         * @param dst the buffer to read into, from its position
         * @return the count, -1 at end of stream (every sink closed)
         * @throws SuspendExecution marks the method suspendable; never thrown to the caller
         * @throws IOException if this end is closed, the wait timed out or was interrupted, or reading failed
         */
        public int read(ByteBuffer dst) throws SuspendExecution, IOException {
            return io.readSome(dst, timeout);
        }

        /**
         * Reads {@code size} bytes, or fewer if the stream ends first (greenhouse's file {@code read(size)}).
         *
         * @param size the number of bytes wanted; not negative
         * @return the bytes, {@code size} of them unless the stream ended
         * @throws SuspendExecution marks the method suspendable; never thrown to the caller
         * @throws IOException if this end is closed, a wait timed out or was interrupted, or reading failed
         */
        public byte[] read(int size) throws SuspendExecution, IOException {
            if (size < 0) {
                throw new IllegalArgumentException("size < 0: " + size);
            }
            ByteBuffer b = ByteBuffer.allocate(size);
            while (b.hasRemaining() && read(b) >= 0) {
                // reading
            }
            return b.position() == size ? b.array() : Arrays.copyOf(b.array(), b.position());
        }
    }

    /** The write end of a pipe. */
    public static final class Sink extends End {
        Sink(StreamHandle io) {
            super(io);
        }

        /**
         * Writes some of {@code src}; if the pipe is full, blocks as {@link GreenSocket#write}.
         *
         * @param src the bytes to write, from its position to its limit; its position advances
         * @return the number of bytes written, at least 1 unless {@code src} is empty
         * @throws SuspendExecution marks the method suspendable; never thrown to the caller
         * @throws IOException if this end is closed, the wait timed out or was interrupted, or the source end is closed
         */
        public int write(ByteBuffer src) throws SuspendExecution, IOException {
            return io.writeSome(src, timeout);
        }

        /**
         * Writes all of {@code data}, blocking while the pipe is full.
         *
         * @param data the bytes to write
         * @throws SuspendExecution marks the method suspendable; never thrown to the caller
         * @throws IOException if this end is closed, a wait timed out or was interrupted, or the source end is closed
         */
        public void write(byte[] data) throws SuspendExecution, IOException {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                write(b);
            }
        }
    }
}
