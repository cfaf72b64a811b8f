package io.greenhouse.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.Suspendable;

/**
 * The stream adapters of {@link GreenSocket} and {@link GreenSslSocket}: suspendable {@code InputStream} /
 * {@code OutputStream} methods over an {@link Endpoint}'s {@code read} and {@code writeFully}. Hub thread
 * only, as the socket.
 */
final class GreenStreams {
    private GreenStreams() {
    }

    /** What the streams need of a connection. */
    interface Endpoint {
        int read(ByteBuffer dst) throws SuspendExecution, IOException;

        void writeFully(ByteBuffer src) throws SuspendExecution, IOException;

        /** Closes the connection; a TLS connection may suspend to send its close_notify. */
        @Suspendable
        void close();
    }

    static final class Input extends InputStream {
        private final Endpoint socket;   // immutable
        /**
         * Hub thread only: the buffer of {@link #read()}, one per stream, so that the byte lands where the method
         * looks even if it runs again from the top when it resumes (the instrumenter may leave it uninstrumented).
         * Greenlets reading at once share it safely: a read fills it and returns its byte without suspending.
         */
        private final ByteBuffer single = ByteBuffer.allocate(1);

        Input(Endpoint socket) {
            this.socket = socket;
        }

        @Override
        @Suspendable
        public int read() throws IOException {
            single.clear();
            try {
                return socket.read(single) == -1 ? -1 : single.get(0) & 0xFF;
            } catch (SuspendExecution e) {
                throw new AssertionError(e);
            }
        }

        @Override
        @Suspendable
        public int read(byte[] b) throws IOException {
            return read(b, 0, b.length);
        }

        @Override
        @Suspendable
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            try {
                return socket.read(ByteBuffer.wrap(b, off, len));
            } catch (SuspendExecution e) {
                throw new AssertionError(e);
            }
        }

        // The JDK's versions of these (and of read(byte[]) above) loop over read() in uninstrumented frames: a greenlet could not
        // suspend inside them. These do the same loops in instrumented code.

        @Override
        @Suspendable
        public byte[] readAllBytes() throws IOException {
            return readNBytes(Integer.MAX_VALUE);
        }

        @Override
        @Suspendable
        public byte[] readNBytes(int len) throws IOException {
            if (len < 0) {
                throw new IllegalArgumentException("len < 0: " + len);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk = new byte[16384];
            int left = len;
            int n;
            while (left > 0 && (n = read(chunk, 0, Math.min(chunk.length, left))) > 0) {
                all.write(chunk, 0, n);
                left -= n;
            }
            return all.toByteArray();
        }

        @Override
        @Suspendable
        public int readNBytes(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            int total = 0;
            int n;
            while (total < len && (n = read(b, off + total, len - total)) > 0) {
                total += n;
            }
            return total;
        }

        @Override
        @Suspendable
        public long transferTo(OutputStream out) throws IOException {
            Objects.requireNonNull(out, "out");
            byte[] chunk = new byte[16384];
            long total = 0;
            int n;
            while ((n = read(chunk, 0, chunk.length)) > 0) {
                out.write(chunk, 0, n);
                total += n;
            }
            return total;
        }

        @Override
        @Suspendable
        public long skip(long n) throws IOException {
            byte[] chunk = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long left = n;
            int r;
            while (left > 0 && (r = read(chunk, 0, (int) Math.min(chunk.length, left))) > 0) {
                left -= r;
            }
            return n - Math.max(left, 0);
        }

        @Override
        @Suspendable
        public void close() {
            socket.close();
        }
    }

    static final class Output extends OutputStream {
        private final Endpoint socket;   // immutable

        Output(Endpoint socket) {
            this.socket = socket;
        }

        @Override
        @Suspendable
        public void write(int b) throws IOException {
            // A fresh array per call: greenlets writing at once must not share one. Should this method run again
            // from the top on resume, the write under way still sends an array holding the same byte.
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        @Suspendable
        public void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        @Override
        @Suspendable
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            try {
                socket.writeFully(ByteBuffer.wrap(b, off, len));
            } catch (SuspendExecution e) {
                throw new AssertionError(e);
            }
        }

        @Override
        @Suspendable
        public void close() {
            socket.close();
        }
    }
}
