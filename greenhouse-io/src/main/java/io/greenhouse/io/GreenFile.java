package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.internal.Offload;

/**
 * A greenlet-blocking file (greenhouse's {@code greenhouse.io.File}): regular files and the standard
 * streams, read and written without blocking the hub's thread.
 *
 * <p>Regular files are always "ready" to the kernel (epoll refuses them), so every system call of a
 * {@code GreenFile} runs on a small pool of daemon threads while the calling greenlet is parked; the hub
 * runs other greenlets meanwhile and does not report a deadlock while a call is pending. Reads go through
 * an 8 KiB read-ahead buffer, so {@link #readLine()} costs a system call per chunk, not per line.
 * <pre>{@code
 * try (GreenFile f = GreenFile.open("notes.txt", "r")) {
 *     String line;
 *     while ((line = f.readLine()) != null) {
 *         handle(line);
 *     }
 * }
 * }</pre>
 *
 * <p>A blocking call returns when the pool thread is done, or throws if an exception is scheduled into
 * the greenlet or an interrupt wakes every I/O waiter ({@link java.io.InterruptedIOException}); the system
 * call under way then still completes on its thread and its result is dropped (the file position may
 * have moved).
 *
 * <p>Threading: a file belongs to the hub of the thread that opened it; every method MUST be called on that
 * thread. The hub's poller must be a {@code greenhouse-io} one ({@link IllegalStateException} otherwise).
 *
 * <p>Differences from greenhouse: mode {@code "w"} truncates (greenhouse's did not; Python's and Java's
 * do); any writable mode creates a missing file, as in greenhouse, so {@code "r+"} creates one too;
 * {@link #readLine()} returns a {@code String} without its line terminator and null at end of file
 * (Java's {@code BufferedReader} convention), while {@link #readLineBytes(int)} keeps greenhouse's form
 * (terminator included, empty at end); a line limit never cuts past a newline; {@link #tell()} is the
 * logical position (read-ahead excluded).
 */
public final class GreenFile implements Closeable {
    /** {@link #seek(long, int)} from the start of the file. */
    public static final int SEEK_SET = 0;
    /** {@link #seek(long, int)} from the current position. */
    public static final int SEEK_CUR = 1;
    /** {@link #seek(long, int)} from the end of the file. */
    public static final int SEEK_END = 2;

    private static final int CHUNK = 8192;
    private static final byte[] NONE = new byte[0];

    private final Backend backend;   // immutable
    private final String name;       // immutable
    private byte[] buffer = NONE;    // hub thread only; read-ahead, valid in [start, end)
    private int start;               // hub thread only
    private int end;                 // hub thread only
    private boolean closed;          // hub thread only

    private GreenFile(Backend backend, String name) {
        this.backend = backend;
        this.name = name;
    }

    /**
     * Opens a file. {@code mode} is greenhouse's (and C's): {@code "r"} read, {@code "w"} write (created,
     * truncated), {@code "a"} append (created), a {@code "+"} adds the other direction; {@code "b"} is
     * accepted and ignored (files are bytes).
     *
     *
     * @param path the file
     * @param mode {@code "r"}, {@code "w"}, {@code "a"}, each optionally with {@code "+"} and {@code "b"}
     * @return the open file, positioned at its start (at its end for {@code "a"})
     * @throws java.nio.file.NoSuchFileException if a read-only file does not exist
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static GreenFile open(Path path, String mode) throws SuspendExecution, IOException {
        Objects.requireNonNull(path, "path");
        Set<OpenOption> options = options(Objects.requireNonNull(mode, "mode"));
        FileChannel channel = Offload.call(() -> FileChannel.open(path, options));
        return new GreenFile(new ChannelBackend(channel), path.toString());
    }

    /**
     * {@link #open(Path, String)} by name.
     *
     * @param name the file's path, as {@link java.nio.file.Path#of(String, String...)} reads it
     * @param mode {@code "r"}, {@code "w"}, {@code "a"}, each optionally with {@code "+"} and {@code "b"}
     * @return the open file
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file cannot be opened ({@link java.nio.file.NoSuchFileException} if a read-only file
     *         does not exist)
     */
    public static GreenFile open(String name, String mode) throws SuspendExecution, IOException {
        return open(Path.of(Objects.requireNonNull(name, "name")), mode);
    }

    private static Set<OpenOption> options(String mode) {
        if (!mode.matches("[rwab+]+") || mode.chars().filter(c -> c == 'r' || c == 'w' || c == 'a').count() != 1) {
            throw new IllegalArgumentException("invalid mode: " + mode);
        }
        boolean plus = mode.indexOf('+') >= 0;
        Set<OpenOption> o = new HashSet<>();
        if (mode.indexOf('r') >= 0 || plus) {
            o.add(StandardOpenOption.READ);
        }
        if (mode.indexOf('w') >= 0 || mode.indexOf('a') >= 0 || plus) {
            o.add(StandardOpenOption.WRITE);
            o.add(StandardOpenOption.CREATE);
        }
        if (mode.indexOf('w') >= 0) {
            o.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (mode.indexOf('a') >= 0) {
            o.add(StandardOpenOption.APPEND);
        }
        return o;
    }

    /**
     * The process's standard input ({@link System#in}); closing the result does not close it.
     *
     * @return standard input, as a file that can only be read
     */
    public static GreenFile stdin() {
        return new GreenFile(new StreamBackend(System.in, null), "<stdin>");
    }

    /**
     * The process's standard output ({@link System#out}); closing the result does not close it.
     *
     * @return standard output, as a file that can only be written
     */
    public static GreenFile stdout() {
        return new GreenFile(new StreamBackend(null, System.out), "<stdout>");
    }

    /**
     * The process's standard error ({@link System#err}); closing the result does not close it.
     *
     * @return standard error, as a file that can only be written
     */
    public static GreenFile stderr() {
        return new GreenFile(new StreamBackend(null, System.err), "<stderr>");
    }

    /**
     * Reads to the end of the file.
     *
     * @return the bytes from the current position to the end; empty at the end
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public byte[] read() throws SuspendExecution, IOException {
        return read(-1);
    }

    /**
     * Reads {@code size} bytes, or fewer at the end of the file; a negative size reads to the end. Returns
     * at once from the read-ahead buffer when it holds enough; otherwise blocks as the class comment says.
     *
     * @param size the number of bytes wanted; negative: all that is left
     * @return the bytes; empty at the end of the file
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public byte[] read(int size) throws SuspendExecution, IOException {
        checkOpen();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int want = size < 0 ? Integer.MAX_VALUE : size;
        int take = Math.min(want, end - start);
        out.write(buffer, start, take);
        start += take;
        want -= take;
        byte[] chunk = want > 0 ? new byte[Math.min(CHUNK, want)] : NONE;
        while (want > 0) {
            int len = Math.min(chunk.length, want);
            int n = Offload.call(() -> backend.read(chunk, 0, len));
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
            want -= n;
        }
        return out.toByteArray();
    }

    /**
     * Reads the next line, decoded as UTF-8, without its {@code \n} (or {@code \r\n}); null at the end of
     * the file.
     *
     * @return the line, or null at the end of the file
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public String readLine() throws SuspendExecution, IOException {
        byte[] line = readLineBytes(-1);
        if (line.length == 0) {
            return null;
        }
        int len = line.length;
        if (line[len - 1] == '\n') {
            len--;
            if (len > 0 && line[len - 1] == '\r') {
                len--;
            }
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /**
     * Reads through the next {@code \n} (included), or {@code max} bytes if the line is longer
     * ({@code max} negative: no limit), or what is left at the end of the file; empty at the end
     * (greenhouse's {@code readline}).
     *
     * @param max the most bytes to return; negative: no limit
     * @return the line's bytes, its {@code \n} included; empty at the end
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public byte[] readLineBytes(int max) throws SuspendExecution, IOException {
        checkOpen();
        int limit = max < 0 ? Integer.MAX_VALUE : max;
        int scanned = start;
        for (;;) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    return take(Math.min(i + 1 - start, limit));
                }
            }
            if (end - start >= limit) {
                return take(limit);
            }
            scanned = end;
            if (!fill()) {
                return take(end - start);
            }
        }
    }

    private byte[] take(int n) {
        byte[] r = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        return r;
    }

    /** Appends one chunk to the read-ahead buffer; false at the end of the file. */
    private boolean fill() throws SuspendExecution, IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buffer.length - end < CHUNK) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + CHUNK));
        }
        byte[] b = buffer;
        int off = end;
        int n = Offload.call(() -> backend.read(b, off, CHUNK));
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    /**
     * Writes all of {@code data}, blocking as the class comment says.
     *
     * @param data the bytes to write, at the current position
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public void write(byte[] data) throws SuspendExecution, IOException {
        Objects.requireNonNull(data, "data");
        checkOpen();
        dropReadAhead();
        Offload.call(() -> {
            backend.write(data);
            return null;
        });
    }

    /**
     * Writes {@code text} encoded as UTF-8.
     *
     * @param text the text to write
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public void write(String text) throws SuspendExecution, IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Moves to {@code position} bytes from the start; the read-ahead buffer is discarded.
     *
     * @param position bytes from the start of the file; not negative
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed or is a standard stream
     */
    public void seek(long position) throws SuspendExecution, IOException {
        seek(position, SEEK_SET);
    }

    /**
     * Moves to {@code offset} from {@link #SEEK_SET the start}, {@link #SEEK_CUR the current position} or
     * {@link #SEEK_END the end}.
     *
     *
     * @param offset bytes from the point {@code whence} names; may be negative
     * @param whence {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}
     * @throws IOException "Illegal seek" on a standard stream
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void seek(long offset, int whence) throws SuspendExecution, IOException {
        checkOpen();
        if (whence < SEEK_SET || whence > SEEK_END) {
            throw new IllegalArgumentException("whence not SEEK_SET, SEEK_CUR or SEEK_END: " + whence);
        }
        long logical = whence == SEEK_CUR ? tell() : 0;
        start = end = 0;
        Offload.call(() -> {
            long base = whence == SEEK_END ? backend.size() : logical;
            backend.position(base + offset);
            return null;
        });
    }

    /**
     * The current position: where the next read or write happens.
     *
     * @return the position, in bytes from the start
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed or is a standard stream
     */
    public long tell() throws SuspendExecution, IOException {
        checkOpen();
        long os = Offload.call(backend::position);
        return os - (end - start);
    }

    /**
     * Flushes buffered output (standard streams) and forces nothing to disk.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the file is closed, the system call failed, or the exception scheduled into the greenlet
     *         was an {@code IOException}
     */
    public void flush() throws SuspendExecution, IOException {
        checkOpen();
        Offload.call(() -> {
            backend.flush();
            return null;
        });
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the file (a standard stream is only flushed). Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            buffer = NONE;
            start = end = 0;
            backend.close();
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** Before a write: the OS position is ahead of the logical one by the read-ahead; go back to it. */
    private void dropReadAhead() throws SuspendExecution, IOException {
        int ahead = end - start;
        start = end = 0;
        if (ahead > 0) {
            Offload.call(() -> {
                backend.position(backend.position() - ahead);
                return null;
            });
        }
    }

    @Override
    public String toString() {
        return "GreenFile[" + name + (closed ? ", closed" : "") + "]";
    }

    /** The blocking calls, run on the pool. */
    private interface Backend {
        int read(byte[] b, int off, int len) throws IOException;

        void write(byte[] data) throws IOException;

        long position() throws IOException;

        void position(long p) throws IOException;

        long size() throws IOException;

        void flush() throws IOException;

        void close() throws IOException;
    }

    private static final class ChannelBackend implements Backend {
        private final FileChannel channel;

        ChannelBackend(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void write(byte[] data) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public void position(long p) throws IOException {
            channel.position(p);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class StreamBackend implements Backend {
        private final InputStream in;    // null for an output stream
        private final OutputStream out;  // null for an input stream

        StreamBackend(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (in == null) {
                throw new IOException("not readable: an output stream");
            }
            return in.read(b, off, len);
        }

        @Override
        public void write(byte[] data) throws IOException {
            if (out == null) {
                throw new IOException("not writable: an input stream");
            }
            out.write(data);
        }

        @Override
        public long position() throws IOException {
            throw new IOException("Illegal seek");
        }

        @Override
        public void position(long p) throws IOException {
            throw new IOException("Illegal seek");
        }

        @Override
        public long size() throws IOException {
            throw new IOException("Illegal seek");
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
