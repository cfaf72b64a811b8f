package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.Suspendable;
import io.greenhouse.io.internal.SslEngineDriver;

/**
 * A greenlet-blocking version of {@link javax.net.ssl.SSLSocket} (greenhouse's {@code greenhouse.io.ssl.SSLSocket}):
 * a TLS connection over a {@link GreenSocket} whose calls block only the calling greenlet.
 *
 * <p>The TLS protocol is the JDK's {@link SSLEngine} (TLS 1.3 and 1.2, whatever the {@link SSLContext}
 * enables); this class moves its records through the plain socket's public calls, so it works on every
 * poller. The handshake runs when {@link #handshake()} is called, or else on the first read or write. A
 * call that must wait blocks as the plain socket's calls do: the greenlet is descheduled until one of: the
 * socket becomes ready; it is closed ({@link java.nio.channels.AsynchronousCloseException}); the
 * {@linkplain #setTimeout timeout} of one wait elapses ({@link java.net.SocketTimeoutException}); an exception
 * is scheduled into it ({@link io.greenhouse.Scheduler#scheduleException}, {@link io.greenhouse.Scheduler#end}),
 * which the call throws. Such an exception leaves the connection usable: the interrupted step resumes on the
 * next call.
 * <pre>{@code
 * SSLContext ctx = SSLContext.getDefault();
 * GreenSslSocket s = GreenSslSocket.client(GreenSocket.connect("example.org", 443), ctx, "example.org", 443);
 * s.sendAll("GET / HTTP/1.0\r\nHost: example.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 * byte[] reply = s.inputStream().readAllBytes();
 * s.close();
 * }</pre>
 *
 * <p>Errors: the engine's {@link SSLException}s are thrown as they are; a failed handshake (an untrusted or
 * mismatched certificate, no common protocol, the peer closing) throws {@link SSLHandshakeException} from
 * {@link #handshake()} or the first read or write, after the fatal alert was sent to the peer if possible.
 * After a failure every call throws an {@code SSLException} whose cause is the first one.
 *
 * <p>Threading: every method MUST be called on the thread of the hub that made the plain socket
 * ({@link IllegalStateException} otherwise). One greenlet may read while another writes; greenlets reading
 * at once (or writing at once) take turns. The engine's delegated tasks (certificate checks, key agreement)
 * run inline on the hub's thread: they are CPU work of a few milliseconds at most per handshake, during
 * which the hub runs no other greenlet.
 *
 * <p>Differences from greenhouse: no non-blocking mode (use a timeout of 0); an end of stream without the
 * peer's {@code close_notify} reads as the end of stream (greenhouse's {@code suppress_ragged_eofs=True});
 * clients check the server's host name ({@code HTTPS} endpoint identification) unless configured otherwise
 * through {@link #wrap(GreenSocket, SSLEngine)}; there is no renegotiation initiated from this side.
 */
public final class GreenSslSocket implements Closeable, GreenStreams.Endpoint {
    private final GreenSocket socket;        // immutable
    private final SslEngineDriver tls;       // immutable; the engine and its buffers
    private InputStream in;                  // hub thread only; lazily made
    private OutputStream out;                // hub thread only; lazily made

    private GreenSslSocket(GreenSocket socket, SSLEngine engine) {
        this.socket = socket;
        this.tls = new SslEngineDriver(socket, engine);
    }

    /**
     * The client side of a TLS connection over {@code plain}, which is connected to {@code peerHost}:{@code
     * peerPort}. The host name is sent as SNI (unless it is an IP literal) and the server's certificate must
     * match it; the port only serves session resumption. Nothing is sent before the handshake.
     *
     * @param plain a connected socket; the TLS connection owns it from now on
     * @param ctx the context that makes the engine (trust store, key material)
     * @param peerHost the server's host name, sent as SNI and checked against its certificate
     * @param peerPort the server's port, for session resumption
     * @return the client side, its handshake not yet run
     */
    public static GreenSslSocket client(GreenSocket plain, SSLContext ctx, String peerHost, int peerPort) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(peerHost, "peerHost");
        SSLEngine engine = ctx.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        return new GreenSslSocket(plain, engine);
    }

    /**
     * The server side of a TLS connection over {@code accepted}; nothing is read before the handshake.
     *
     * @param accepted a socket from {@link GreenServerSocket#accept()}; the TLS connection owns it from now on
     * @param ctx the context that makes the engine (the server's key material)
     * @return the server side, its handshake not yet run
     */
    public static GreenSslSocket server(GreenSocket accepted, SSLContext ctx) {
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(ctx, "ctx");
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        return new GreenSslSocket(accepted, engine);
    }

    /**
     * A TLS connection over {@code plain} driven by {@code engine}, configured by the caller (client or server
     * mode, protocols, client authentication, endpoint identification, ALPN). The engine must be fresh.
     *
     *
     * @param plain a connected socket; the TLS connection owns it from now on
     * @param engine a new engine, configured for this connection
     * @return the connection, its handshake not yet run
     * @throws IllegalArgumentException if the engine's handshake has already begun
     */
    public static GreenSslSocket wrap(GreenSocket plain, SSLEngine engine) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(engine, "engine");
        if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING || engine.isOutboundDone()) {
            throw new IllegalArgumentException("engine already used: " + engine);
        }
        return new GreenSslSocket(plain, engine);
    }

    /**
     * Runs the TLS handshake if it has not run yet; returns at once if it has. Otherwise blocks as the class
     * comment describes, possibly several times, until the handshake is done.
     *
     *
     * @throws SSLHandshakeException if the handshake failed
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void handshake() throws SuspendExecution, IOException {
        tls.handshake(false);
    }

    /**
     * Reads plaintext into {@code dst}. If decrypted bytes are available, returns at once. Otherwise the
     * greenlet is descheduled as the class comment describes until a record arrives; runs the handshake
     * first if needed.
     *
     * @return the number of bytes read, at least 1 unless {@code dst} has no room; -1 after the peer's
     *         {@code close_notify} or at the end of the underlying stream
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws SSLException if the engine failed (a corrupt record, a fatal alert from the peer)
     */
    public int read(ByteBuffer dst) throws SuspendExecution, IOException {
        return tls.read(dst);
    }

    /**
     * Receives up to {@code max} plaintext bytes; blocks as {@link #read}.
     *
     *
     * @param max the most plaintext bytes to receive
     * @return the bytes, empty at end of stream
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the connection is closed, a wait timed out or was interrupted, the handshake failed
     *         ({@link javax.net.ssl.SSLHandshakeException}) or the peer sent something that is not TLS ({@link
     *         javax.net.ssl.SSLException})
     */
    public byte[] recv(int max) throws SuspendExecution, IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max < 0: " + max);
        }
        byte[] b = new byte[max];
        int n = read(ByteBuffer.wrap(b));
        if (n <= 0) {
            return new byte[0];
        }
        return n == max ? b : Arrays.copyOf(b, n);
    }

    /**
     * Encrypts and sends some of {@code src}: as many records as fit in one send buffer (at least one), all
     * of them sent before returning. Blocks as {@link #read} while the socket cannot take them; runs the
     * handshake first if needed.
     *
     *
     * @param src the plaintext, from its position to its limit; its position advances past what was consumed
     * @return the number of plaintext bytes consumed, at least 1 unless {@code src} is empty
     * @throws java.net.SocketException if this side's output was shut down (or, in TLS 1.2, the peer closed TLS)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public int write(ByteBuffer src) throws SuspendExecution, IOException {
        return tls.write(src);
    }

    /**
     * Sends all of {@code data} (greenhouse's {@code sendall}), blocking as {@link #write} while needed.
     *
     * @param data the plaintext to send
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the connection is closed, a wait timed out or was interrupted, the handshake failed
     *         ({@link javax.net.ssl.SSLHandshakeException}) or the peer sent something that is not TLS ({@link
     *         javax.net.ssl.SSLException})
     */
    public void sendAll(byte[] data) throws SuspendExecution, IOException {
        writeFully(ByteBuffer.wrap(data));
    }

    /** Sends all remaining bytes of {@code src}, blocking as {@link #write} while needed. */
    public void writeFully(ByteBuffer src) throws SuspendExecution, IOException {
        Objects.requireNonNull(src, "src");
        do {
            write(src);
        } while (src.hasRemaining());
    }

    /**
     * Ends this side's output: sends {@code close_notify} (after the handshake, run first if needed) and shuts
     * down the plain socket's output. The peer reads end of stream; in TLS 1.3 it may go on writing and this
     * side reading, while a TLS 1.2 peer answers with its own {@code close_notify}.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the connection is closed, a wait timed out or was interrupted, the handshake failed
     *         ({@link javax.net.ssl.SSLHandshakeException}) or the peer sent something that is not TLS ({@link
     *         javax.net.ssl.SSLException})
     */
    public void shutdownOutput() throws SuspendExecution, IOException {
        tls.shutdownOutput();
    }

    /**
     * An input stream over this connection; its reads block the greenlet as {@link #read} and must be called
     * from instrumented (suspendable) code. Closing it closes the connection.
     *
     * @return the connection's input stream, the same one each time
     */
    public InputStream inputStream() {
        if (in == null) {
            in = new GreenStreams.Input(this);
        }
        return in;
    }

    /**
     * An output stream over this connection; writes block as {@link #sendAll}, each write sent at once (wrap
     * it in a {@link java.io.BufferedOutputStream} for small writes). Closing it closes the connection.
     *
     * @return the connection's output stream, the same one each time
     */
    public OutputStream outputStream() {
        if (out == null) {
            out = new GreenStreams.Output(this);
        }
        return out;
    }

    /**
     * The TLS session: protocol, cipher suite, peer certificates. Before the handshake it is the JDK's
     * invalid placeholder session ({@code SSL_NULL_WITH_NULL_NULL}); call {@link #handshake()} first.
     *
     * @return the session, or the JDK's placeholder before the handshake
     */
    public SSLSession session() {
        return tls.session();
    }

    /**
     * Sets how long each wait of a blocking call may last, in seconds (the plain socket's timeout); negative
     * means no limit, the default.
     *
     * @param secs seconds each wait may last; negative: no limit; not NaN
     */
    public void setTimeout(double secs) {
        socket.setTimeout(secs);
    }

    /**
     * The timeout in seconds; negative means none.
     *
     * @return the timeout, in seconds, or -1
     */
    public double timeout() {
        return socket.timeout();
    }

    /**
     * Sets a socket option of the plain socket (see {@link GreenSocket#setOption}).
     *
     * @param name the option
     * @param value its new value
     * @param <T> the option's value type
     * @return this socket
     * @throws IOException if the socket is closed or the option cannot be set
     */
    public <T> GreenSslSocket setOption(SocketOption<T> name, T value) throws IOException {
        socket.setOption(name, value);
        return this;
    }

    /**
     * The value of a socket option of the plain socket.
     *
     * @param name the option
     * @param <T> the option's value type
     * @return its current value
     * @throws IOException if the socket is closed or the option cannot be read
     */
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket.getOption(name);
    }

    /**
     * The local address.
     *
     * @return the local address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the socket is closed
     */
    public SocketAddress localAddress() throws IOException {
        return socket.localAddress();
    }

    /**
     * The peer's address.
     *
     * @return the peer's address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the socket is closed
     */
    public SocketAddress remoteAddress() throws IOException {
        return socket.remoteAddress();
    }

    /**
     * Whether {@link #close()} was called (or the hub closed the plain socket).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Closes the connection: sends {@code close_notify} if the handshake ran and no greenlet is in the middle
     * of a write, discards received bytes no greenlet is reading (unread bytes would make the kernel reset the
     * connection, and the peer could lose what it has not read yet), then closes the plain socket, which wakes
     * every greenlet blocked on it with {@link java.nio.channels.AsynchronousCloseException}. Closing twice
     * does nothing.
     *
     * <p>Each of those steps waits at most one loop round (the greenlet may be descheduled that long, so call
     * it from instrumented code); a {@code close_notify} that could not be sent is logged at {@code DEBUG},
     * not thrown.
     */
    @Override
    @Suspendable
    public void close() {
        tls.close();
    }

    @Override
    public String toString() {
        return tls.toString();
    }
}
