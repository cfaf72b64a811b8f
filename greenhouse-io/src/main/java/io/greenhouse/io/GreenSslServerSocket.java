package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A greenlet-blocking version of {@link javax.net.ssl.SSLServerSocket}: a {@link GreenServerSocket} whose
 * {@link #accept()} returns {@link GreenSslSocket}s on the server side of TLS.
 * <pre>{@code
 * GreenSslServerSocket server = GreenSslServerSocket.bind(new InetSocketAddress(8443), 128, ctx);
 * for (;;) {
 *     GreenSslSocket client = server.accept();
 *     Scheduler.schedule(() -> serve(client));   // the handshake runs in serve's first read or write
 * }
 * }</pre>
 *
 * <p>{@code accept} does not run the handshake: a slow or hostile client holds only the greenlet that serves
 * it. Threading and waiting are as for {@link GreenServerSocket}.
 */
public final class GreenSslServerSocket implements Closeable {
    private final GreenServerSocket listener;   // immutable
    private final SSLContext ctx;               // immutable
    private SSLParameters parameters;           // hub thread only; applied to each accepted engine, or null

    private GreenSslServerSocket(GreenServerSocket listener, SSLContext ctx) {
        this.listener = listener;
        this.ctx = ctx;
    }

    /**
     * Binds a TLS listener to {@code local} (port 0 picks a free port) whose connections use {@code ctx}.
     *
     *
     * @param local the address to bind: an {@link java.net.InetSocketAddress}
     * @param backlog the queue length for connections not yet accepted; 0 or less for the system default
     * @param ctx the context that makes each connection's engine (the server's key material)
     * @return the TLS listener
     * @throws java.net.BindException if the address is in use
     */
    public static GreenSslServerSocket bind(SocketAddress local, int backlog, SSLContext ctx) throws IOException {
        Objects.requireNonNull(ctx, "ctx");
        return new GreenSslServerSocket(GreenServerSocket.bind(local, backlog), ctx);
    }

    /**
     * A TLS listener over a bound {@code listener}; closing one closes the other.
     *
     * @param listener a bound listener; the TLS listener owns it from now on
     * @param ctx the context that makes each connection's engine
     * @return the TLS listener
     */
    public static GreenSslServerSocket wrap(GreenServerSocket listener, SSLContext ctx) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(ctx, "ctx");
        return new GreenSslServerSocket(listener, ctx);
    }

    /**
     * Sets the parameters (protocols, cipher suites, client authentication, ALPN) of the connections accepted
     * from now on; null restores the context's defaults.
     *
     * @param params the parameters, copied; or null
     */
    public void setSslParameters(SSLParameters params) {
        this.parameters = params;
    }

    /**
     * Accepts the next connection; blocks as {@link GreenServerSocket#accept()}.
     *
     *
     * @return the server side of the connection, its handshake not yet run
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException as {@link GreenServerSocket#accept()}: the listener is closed, the wait timed out or was
     *         interrupted, or accepting failed
     */
    public GreenSslSocket accept() throws SuspendExecution, IOException {
        GreenSocket plain = listener.accept();
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        if (parameters != null) {
            engine.setSSLParameters(parameters);
        }
        return GreenSslSocket.wrap(plain, engine);
    }

    /**
     * The bound address.
     *
     * @return the bound address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the listener is closed
     */
    public SocketAddress localAddress() throws IOException {
        return listener.localAddress();
    }

    /**
     * Sets how long each wait in {@link #accept()} may last, in seconds; negative means no limit.
     *
     * @param secs seconds each wait may last; negative: no limit; not NaN
     */
    public void setTimeout(double secs) {
        listener.setTimeout(secs);
    }

    /**
     * The accept timeout in seconds; negative means none.
     *
     * @return the timeout, in seconds, or -1
     */
    public double timeout() {
        return listener.timeout();
    }

    /**
     * Whether {@link #close()} was called (or the hub closed the listener).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return listener.isClosed();
    }

    /** Closes the listener; greenlets blocked in {@link #accept()} wake with an AsynchronousCloseException. */
    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String toString() {
        return "GreenSslServerSocket[" + listener + "]";
    }
}
