package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.GreenSocket;

/**
 * The buffers between an {@link SSLEngine} and its {@link GreenSocket}, and the engine's single steps over
 * them: one wrap, one unwrap, one receive, one send. The part of {@link SslEngineDriver} that knows where the
 * bytes are; the driver decides when each step runs and holds the locks.
 *
 * <p>Design: {@code netIn} (records received, not yet unwrapped, read mode) and {@code appIn} (plaintext not
 * yet returned, read mode) belong to the driver's read lock, {@code netOut} (records not yet sent, fill mode)
 * to its write lock; every method says which lock its caller holds. Each buffer starts at one record and is
 * replaced, never copied twice, when it must grow: bulk transfers grow {@code netIn} and {@code netOut} to
 * several records so that one system call moves more, and {@code appIn} grows when a record overflows it.
 * Large reads bypass {@code appIn}: {@link #unwrap(ByteBuffer)} decrypts straight into the caller's buffer.
 *
 * <p>Threading: the hub's thread of the plain socket. Internal: not API.
 */
final class SslRecordBuffers {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.io.tls");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Records a bulk transfer moves per system call: fewer system calls, 4 x 16 KiB of buffer. */
    static final int BULK_RECORDS = 4;

    private final GreenSocket socket;              // immutable
    private final SSLEngine engine;                // immutable reference; used by one greenlet at a time
    private final Object owner;                    // immutable; names the connection in error messages
    private ByteBuffer netIn;        // hub thread only, read lock; read mode: received records not yet unwrapped
    private ByteBuffer appIn;        // hub thread only, read lock; read mode: plaintext not yet returned
    private ByteBuffer netOut;       // hub thread only, write lock; fill mode: records not yet sent
    private boolean netInFilled;     // hub thread only, read lock; the last receive filled netIn

    /**
     * Buffers of one record each for {@code engine} over {@code socket}.
     *
     * @param socket the connected plain socket the records travel over
     * @param engine the engine whose records these buffers hold
     * @param owner  what error messages name the connection by (its {@code toString})
     */
    SslRecordBuffers(GreenSocket socket, SSLEngine engine, Object owner) {
        this.socket = socket;
        this.engine = engine;
        this.owner = owner;
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
        this.appIn = EMPTY;
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    }

    // ------------------------------------------------------------------------------------------- reading side

    /** Whether decrypted plaintext waits to be returned; the read lock is held. */
    boolean hasPlaintext() {
        return appIn.hasRemaining();
    }

    /** Whether received bytes wait to be unwrapped; the read lock is held. */
    boolean hasRecords() {
        return netIn.hasRemaining();
    }

    /** Moves buffered plaintext into {@code dst}, as much as fits, and returns its length; the read lock is held. */
    int drainPlaintext(ByteBuffer dst) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        return n;
    }

    /** One unwrap from netIn into appIn, with room for a record or {@code need} bytes; the read lock is held. */
    SSLEngineResult unwrapBuffered(int need) throws SSLException {
        appInForFill(need);
        try {
            return unwrap(appIn);
        } finally {
            appIn.flip();
        }
    }

    /** One unwrap from netIn into {@code dst} (in fill mode); the read lock is held. */
    SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
        SSLEngineResult r = engine.unwrap(netIn, dst);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            int packet = engine.getSession().getPacketBufferSize();
            if (netIn.capacity() < packet) {
                netIn = ByteBuffer.allocate(packet).put(netIn).flip();
            }
        }
        return r;
    }

    /** Switches appIn to fill mode with room for a whole record, or {@code need} bytes if more. */
    private void appInForFill(int need) {
        need = Math.max(need, engine.getSession().getApplicationBufferSize());
        if (appIn.capacity() - appIn.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining() + need);
            bigger.put(appIn);
            appIn = bigger;
        } else {
            appIn.compact();
        }
    }

    /** Reads more records into netIn; -1 at end of stream. The read lock is held. */
    int receive() throws SuspendExecution, IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()
                    || (netInFilled && netIn.capacity() < BULK_RECORDS * engine.getSession().getPacketBufferSize())) {
                netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());   // bulk reads: more per call
            }
            int n = socket.read(netIn);
            netInFilled = !netIn.hasRemaining();
            return n;
        } finally {
            netIn.flip();
        }
    }

    /**
     * Reads and drops what the socket has received (a TLS 1.3 session ticket, say), at most 16 reads; netIn is
     * reused. The read lock is held and the socket's timeout is zero.
     */
    void discardReceived() throws SuspendExecution {
        try {
            for (int i = 0; i < 16; i++) {
                netIn.clear();
                if (socket.read(netIn) < 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException drained) {
            // the usual way out: nothing more has arrived
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "received bytes not discarded on " + socket, e);
        } finally {
            netIn.clear().flip();
        }
    }

    // ------------------------------------------------------------------------------------------- writing side

    /** Wraps records of {@code src} until netOut is full, sends them, and returns the bytes consumed. */
    int wrapAndSend(ByteBuffer src) throws SuspendExecution, IOException {
        SSLSession session = engine.getSession();
        int packet = session.getPacketBufferSize();
        if (src.remaining() > session.getApplicationBufferSize() && netOut.capacity() < BULK_RECORDS * packet
                && netOut.position() == 0) {
            netOut = ByteBuffer.allocate(BULK_RECORDS * packet);   // bulk writes: several records per send
        }
        int consumed = 0;
        SSLEngineResult r;
        do {
            r = wrap(src);
            consumed += r.bytesConsumed();
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        } while (src.hasRemaining() && netOut.remaining() >= packet && r.bytesConsumed() + r.bytesProduced() > 0);
        flush();
        return consumed;
    }

    /** One wrap of no plaintext (a handshake message, close_notify, an alert) into netOut; the write lock is held. */
    SSLEngineResult wrapControl() throws SuspendExecution, IOException {
        return wrap(EMPTY);
    }

    /**
     * Closes the engine's outbound side and sends the records that close it (close_notify, or the alert a
     * failure prepared); the write lock is held.
     */
    void closeOutbound() throws SuspendExecution, IOException {
        engine.closeOutbound();
        wrapClosing();
        flush();
    }

    /** Wraps the records that close the outbound side (close_notify, an alert) into netOut. */
    private void wrapClosing() throws SuspendExecution, IOException {
        while (!engine.isOutboundDone()) {
            if (wrap(EMPTY).bytesProduced() == 0) {
                return;
            }
        }
    }

    /** One wrap into netOut, making room first; the write lock is held. */
    private SSLEngineResult wrap(ByteBuffer src) throws SuspendExecution, IOException {
        for (;;) {
            SSLEngineResult r = engine.wrap(src, netOut);
            switch (r.getStatus()) {
                case OK:
                    return r;
                case BUFFER_OVERFLOW:
                    if (netOut.position() > 0) {
                        flush();
                    } else {
                        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    }
                    break;
                case CLOSED:
                    if (r.bytesProduced() > 0 || src == EMPTY) {
                        return r;   // the close_notify (or an alert) went into netOut
                    }
                    throw new SocketException("TLS output is shut down: " + owner);
                default:
                    throw new SSLException("unexpected wrap status " + r.getStatus() + " on " + owner);
            }
        }
    }

    /** Sends everything in netOut; the write lock is held. */
    void flush() throws SuspendExecution, IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            socket.writeFully(netOut);
        } finally {
            netOut.compact();
        }
    }

    // ------------------------------------------------------------------------------------------- engine

    /** Runs the engine's delegated tasks inline, on the hub's thread. */
    void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
