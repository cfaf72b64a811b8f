package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.Suspendable;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.util.Lock;

/**
 * Drives the JDK's {@link SSLEngine} over a {@link GreenSocket}: the handshake, the read loop (records into
 * plaintext), the write path (plaintext into records), and the closing steps. The machinery of
 * {@code io.greenhouse.io.GreenSslSocket}, which is its public face.
 *
 * <p>Design: the three buffers, in {@link SslRecordBuffers}, are each guarded by a greenlet lock: {@code netIn}
 * (records received, not yet unwrapped) and {@code appIn} (plaintext not yet returned) by the read lock,
 * {@code netOut} (records not yet sent) by the write lock. So one greenlet may read while another writes, and
 * greenlets reading (or writing) at once take turns. A handshake takes the handshake lock, then the read lock,
 * then the write lock, always in that order. Large reads decrypt straight into the caller's buffer; bulk
 * transfers grow {@code netIn} and {@code netOut} to several records, so that one system call moves more. The
 * engine's delegated tasks run inline on the hub's thread. The engine's first failure is kept: after it every
 * call throws an {@link SSLException} whose cause it is, and the alert the engine prepared is sent if no other
 * greenlet is writing.
 *
 * <p>Threading: the hub's thread of the plain socket. Internal: not API.
 */
public final class SslEngineDriver {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.io.tls");

    private final GreenSocket socket;              // immutable
    private final SSLEngine engine;                // immutable reference; used by one greenlet at a time
    private final SslRecordBuffers records;        // immutable reference; its buffers guarded by the locks below
    // Locks, always taken in this order: handshakeLock, readLock, writeLock. A handshake holds all three.
    private final Lock handshakeLock = new Lock(); // held by the greenlet running a handshake
    private final Lock readLock = new Lock();      // held while netIn and appIn are used
    private final Lock writeLock = new Lock();     // held while netOut is used
    private boolean started;         // hub thread only; beginHandshake was called
    private boolean handshaken;      // hub thread only; the initial handshake finished
    private boolean inputDone;       // hub thread only, readLock; close_notify or end of stream was read
    private SSLException failure;    // hub thread only; the first failure of the engine, or null

    /**
     * A driver of {@code engine} (fresh, configured) over {@code socket}.
     *
     * @param socket the connected plain socket the records travel over
     * @param engine the engine, in client or server mode, its handshake not begun
     */
    public SslEngineDriver(GreenSocket socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        this.records = new SslRecordBuffers(socket, engine, this);
    }

    /**
     * Whether the initial handshake finished.
     *
     * @return true once the initial handshake finished
     */
    public boolean isHandshaken() {
        return handshaken;
    }

    /**
     * The engine's session (the invalid placeholder before the handshake).
     *
     * @return the session
     */
    public SSLSession session() {
        return engine.getSession();
    }

    // ------------------------------------------------------------------------------------------- handshake

    /**
     * Runs the initial handshake if not done, or else, if {@code again}, finishes a handshake the peer
     * started later (a TLS 1.2 renegotiation). Takes all three locks, in order.
     *
     * @param again whether to finish a handshake the peer started after the initial one
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the handshake failed ({@link javax.net.ssl.SSLHandshakeException}), the socket is closed,
     *         or a wait timed out or was interrupted
     */
    public void handshake(boolean again) throws SuspendExecution, IOException {
        handshakeLock.acquire();
        try {
            checkUsable();
            if (handshaken && !again) {
                return;     // another greenlet finished it while this one waited
            }
            readLock.acquire();
            try {
                writeLock.acquire();
                try {
                    checkUsable();
                    runHandshake();
                } catch (SSLException e) {
                    throw fail(e);
                } finally {
                    writeLock.release();
                }
            } finally {
                readLock.release();
            }
        } finally {
            handshakeLock.release();
        }
    }

    /** Drives the engine until its handshake is done; both locks are held. */
    private void runHandshake() throws SuspendExecution, IOException {
        if (!started) {
            started = true;
            engine.beginHandshake();
        }
        int appNeed = 0;   // grows when a record overflows appIn
        for (;;) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    records.runTasks();
                    break;
                case NEED_WRAP:
                    if (records.wrapControl().getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLHandshakeException("TLS was closed during the handshake: " + this);
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    records.flush();
                    SSLEngineResult.Status status = records.unwrapBuffered(appNeed).getStatus();
                    if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW && records.receive() < 0) {
                        engine.closeOutbound();
                        throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                    } else if (status == SSLEngineResult.Status.CLOSED) {
                        throw new SSLHandshakeException("the peer closed TLS during the handshake");
                    }
                    appNeed = status == SSLEngineResult.Status.BUFFER_OVERFLOW
                            ? Math.max(2 * appNeed, 2 * engine.getSession().getApplicationBufferSize()) : 0;
                    break;
                default:
                    records.flush();
                    handshaken = true;
                    return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Reads plaintext into {@code dst}: what is decrypted already, else it waits for a record; runs the
     * handshake first if needed.
     *
     *
     * @param dst the buffer to read plaintext into, from its position
     * @return the number of bytes read, at least 1 unless {@code dst} has no room; -1 after the peer's
     *         {@code close_notify} or at the end of the underlying stream
     * @throws ClosedChannelException if the socket is closed
     * @throws SSLException if the engine failed (a corrupt record, a fatal alert from the peer)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public int read(ByteBuffer dst) throws SuspendExecution, IOException {
        Objects.requireNonNull(dst, "dst");
        if (!handshaken) {
            handshake(false);
        }
        readLock.acquire();
        try {
            checkUsable();
            if (!dst.hasRemaining()) {
                return 0;
            }
            return readDecrypted(dst);
        } catch (SSLException e) {
            throw fail(e);
        } finally {
            readLock.release();
        }
    }

    /** The read loop; the read lock is held and the initial handshake is done. */
    private int readDecrypted(ByteBuffer dst) throws SuspendExecution, IOException {
        int total = 0;
        int appNeed = 0;   // when > 0: a record overflowed dst or appIn, buffer it with this much room
        for (;;) {
            if (records.hasPlaintext()) {
                total += records.drainPlaintext(dst);
                if (!dst.hasRemaining() || !records.hasRecords()) {
                    return total;
                }
            }
            if (inputDone) {
                return total > 0 ? total : -1;
            }
            if (records.hasRecords()) {
                // Large reads decrypt straight into dst; small ones go through appIn, which fits any record.
                boolean direct = appNeed == 0 && dst.remaining() >= engine.getSession().getApplicationBufferSize();
                SSLEngineResult r;
                if (direct) {
                    int before = dst.position();
                    r = records.unwrap(dst);
                    total += dst.position() - before;
                } else {
                    r = records.unwrapBuffered(appNeed);
                }
                afterUnwrap(r);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    inputDone = true;
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.OK) {
                    if (direct && dst.hasRemaining() && records.hasRecords()) {
                        continue;
                    }
                    if (total > 0 && !records.hasPlaintext()) {
                        return total;
                    }
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    // dst, or appIn, was too small for this record: appIn takes it, with more room each time
                    appNeed = Math.max(appNeed * 2, engine.getSession().getApplicationBufferSize());
                    continue;
                }
                appNeed = 0;
                // BUFFER_UNDERFLOW: a partial record; read more below
            }
            if (total > 0) {
                return total;
            }
            if (records.receive() < 0) {
                inputDone = true;   // end of stream without close_notify: read as end of stream
            }
        }
    }

    /** Answers what an unwrap left the engine needing: tasks, and records to send (a close_notify reply). */
    private void afterUnwrap(SSLEngineResult r) throws SuspendExecution, IOException {
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            records.runTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs != HandshakeStatus.NEED_WRAP) {
            return;
        }
        boolean closing = r.getStatus() == SSLEngineResult.Status.CLOSED;
        writeLock.acquire();
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                if (records.wrapControl().bytesProduced() == 0) {
                    break;
                }
            }
            records.flush();
        } catch (IOException e) {
            if (!closing) {
                throw e;
            }
            // The peer's close_notify was read: our reply is a courtesy the peer may no longer wait for.
            LOG.log(System.Logger.Level.DEBUG, "close_notify reply not sent on " + socket, e);
        } finally {
            writeLock.release();
        }
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Encrypts and sends some of {@code src}: as many records as fit in one send buffer (at least one), all
     * of them sent before returning. Waits while the socket cannot take them; runs the
     * handshake first if needed.
     *
     *
     * @param src the plaintext, from its position to its limit; its position advances past what was consumed
     * @return the number of plaintext bytes consumed, at least 1 unless {@code src} is empty
     * @throws SocketException if this side's output was shut down (or, in TLS 1.2, the peer closed TLS)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public int write(ByteBuffer src) throws SuspendExecution, IOException {
        Objects.requireNonNull(src, "src");
        if (!handshaken) {
            handshake(false);
        }
        for (;;) {
            writeLock.acquire();
            try {
                checkUsable();
                if (!src.hasRemaining()) {
                    return 0;
                }
                int consumed = records.wrapAndSend(src);
                if (consumed > 0) {
                    return consumed;
                }
            } catch (SSLException e) {
                throw fail(e);
            } finally {
                writeLock.release();
            }
            // Nothing wrapped: the peer started a handshake that needs its records read first.
            handshake(true);
        }
    }

    /**
     * Ends this side's output: sends {@code close_notify} (after the handshake, run first if needed) and shuts
     * down the plain socket's output. The peer reads end of stream; in TLS 1.3 it may go on writing and this
     * side reading, while a TLS 1.2 peer answers with its own {@code close_notify}.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed, the handshake failed, or a wait timed out or was interrupted
     */
    public void shutdownOutput() throws SuspendExecution, IOException {
        if (!handshaken) {
            handshake(false);
        }
        writeLock.acquire();
        try {
            checkUsable();
            if (!engine.isOutboundDone()) {
                records.closeOutbound();
            }
            socket.shutdownOutput();
        } catch (SSLException e) {
            throw fail(e);
        } finally {
            writeLock.release();
        }
    }

    // ------------------------------------------------------------------------------------------- failure

    private void checkUsable() throws IOException {
        if (socket.isClosed()) {
            throw new ClosedChannelException();
        }
        if (failure != null) {
            throw new SSLException("the TLS connection failed earlier: " + failure, failure);
        }
    }

    /**
     * Records the engine's first failure and sends the alert the engine prepared for the peer, if no other
     * greenlet is writing. Returns {@code e} for the caller to throw.
     */
    private SSLException fail(SSLException e) throws SuspendExecution {
        if (failure != null) {
            return e;
        }
        failure = e;
        boolean held = writeLock.isHeldByCurrentGreenlet();
        if (socket.isClosed() || !(held || writeLock.acquire(false))) {
            return e;
        }
        try {
            records.closeOutbound();
        } catch (IOException alertFailure) {
            e.addSuppressed(alertFailure);
        } finally {
            if (!held) {
                writeLock.release();
            }
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------- closing

    /**
     * Closes the connection as {@code GreenSslSocket.close()} documents: {@code close_notify} if the handshake
     * ran and no greenlet is writing, received bytes nobody reads discarded, then the plain socket closed. Each
     * step waits at most one loop round.
     */
    @Suspendable
    public void close() {
        if (socket.isClosed()) {
            return;
        }
        try {
            if (started && failure == null) {
                closeGracefully();
            }
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        } finally {
            socket.close();
        }
    }

    private void closeGracefully() throws SuspendExecution {
        double timeout = socket.timeout();
        socket.setTimeout(0);   // no step of close may wait longer than one loop round
        try {
            if (!engine.isOutboundDone() && writeLock.acquire(false)) {
                try {
                    records.closeOutbound();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "close_notify not sent on " + socket, e);
                } finally {
                    writeLock.release();
                }
            }
            if (readLock.acquire(false)) {
                try {
                    records.discardReceived();
                } finally {
                    readLock.release();
                }
            }
        } finally {
            socket.setTimeout(timeout);
        }
    }

    @Override
    public String toString() {
        return "GreenSslSocket[" + socket + ", " + (engine.getUseClientMode() ? "client" : "server")
                + (handshaken ? ", " + engine.getSession().getProtocol() : "") + "]";
    }
}
