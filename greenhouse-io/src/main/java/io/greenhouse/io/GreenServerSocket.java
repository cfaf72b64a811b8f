package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.PolledHandle;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;

/**
 * A greenlet-blocking version of {@link java.net.ServerSocket}: a listening TCP socket whose
 * {@link #accept()} blocks only the calling greenlet.
 * <pre>{@code
 * GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress(8080), 128);
 * for (;;) {
 *     GreenSocket client = server.accept();
 *     Scheduler.schedule(() -> serve(client));
 * }
 * }</pre>
 *
 * <p>The listener is bound with {@code SO_REUSEADDR}. Threading and waiting are as for {@link GreenSocket}.
 */
public final class GreenServerSocket implements Closeable {
    private final ListenerHandle io; // immutable
    private long timeout = -1;       // hub thread only; nanoseconds per wait, negative: none

    private GreenServerSocket(ListenerHandle io) {
        this.io = io;
    }

    /**
     * Binds a listener to {@code local} (port 0 picks a free port; see {@link #localAddress()}).
     *
     *
     * @param local the address to bind: an {@link java.net.InetSocketAddress}, often {@code new
     *         InetSocketAddress(port)} for every interface
     * @param backlog the queue length for connections not yet accepted; 0 or less for the system default
     * @return the listening socket
     * @throws java.net.BindException if the address is in use
     * @throws IllegalStateException if the hub's poller cannot watch I/O (call
     *         {@link io.greenhouse.Scheduler#resetPoller()})
     */
    public static GreenServerSocket bind(SocketAddress local, int backlog) throws IOException {
        return new GreenServerSocket(Transport.current().openListener(GreenSocket.checkAddress(local),
                backlog > 0 ? backlog : 128));
    }

    /**
     * Accepts the next connection. If one is pending, returns at once. Otherwise the greenlet is
     * descheduled until one of: a connection arrives; the listener is closed
     * ({@link java.nio.channels.AsynchronousCloseException}); the timeout elapses
     * ({@link java.net.SocketTimeoutException}); an interrupt ({@link java.io.InterruptedIOException}); an
     * exception is scheduled into it. Greenlets blocked in {@code accept} together are woken together and
     * retry in the order they parked.
     *
     *
     * @return the connection; its timeout is "none", not this listener's
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the listener is closed ({@link java.nio.channels.ClosedChannelException}, or {@link
     *         java.nio.channels.AsynchronousCloseException} when closed while this waits: an accept loop ends cleanly
     *         by catching {@code ClosedChannelException}), the wait timed out ({@link
     *         java.net.SocketTimeoutException}), an interrupt woke it ({@link java.io.InterruptedIOException}), or
     *         accepting failed
     */
    public GreenSocket accept() throws SuspendExecution, IOException {
        io.checkOpen();
        StreamHandle h;
        while ((h = io.accept()) == null) {
            io.await(PolledHandle.READ, timeout);
        }
        return new GreenSocket(h);
    }

    /**
     * The bound address.
     *
     * @return the bound address, an {@link java.net.InetSocketAddress} with the port picked if 0 was given
     * @throws IOException if the listener is closed
     */
    public SocketAddress localAddress() throws IOException {
        io.checkOpen();
        return io.localAddress();
    }

    /**
     * Sets how long each wait in {@link #accept()} may last, in seconds; negative means no limit.
     *
     * @param secs seconds each wait may last; negative: no limit; not NaN
     */
    public void setTimeout(double secs) {
        timeout = PolledHandle.timeoutNanos(secs);
    }

    /**
     * The accept timeout in seconds; -1 means none.
     *
     * @return the timeout, in seconds, or -1
     */
    public double timeout() {
        return PolledHandle.timeoutSeconds(timeout);
    }

    /**
     * Sets a socket option of the listener.
     *
     * @param name the option
     * @param value its new value
     * @param <T> the option's value type
     * @return this listener
     * @throws IOException if the listener is closed or the option cannot be set
     */
    public <T> GreenServerSocket setOption(SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(name, "name");
        io.checkOpen();
        io.setOption(name, value);
        return this;
    }

    /**
     * The value of a socket option of the listener.
     *
     * @param name the option
     * @param <T> the option's value type
     * @return its current value
     * @throws IOException if the listener is closed or the option cannot be read
     */
    public <T> T getOption(SocketOption<T> name) throws IOException {
        Objects.requireNonNull(name, "name");
        io.checkOpen();
        return io.getOption(name);
    }

    /**
     * Whether {@link #close()} was called (or the hub closed it).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return io.isClosed();
    }

    /**
     * Closes the listener; greenlets blocked in {@link #accept()} wake with
     * {@link java.nio.channels.AsynchronousCloseException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        io.close();
    }

    @Override
    public String toString() {
        return "GreenServerSocket[" + io.describe() + (io.isClosed() ? ", closed" : "") + "]";
    }
}
