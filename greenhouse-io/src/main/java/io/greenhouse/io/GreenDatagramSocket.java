package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.internal.DatagramHandle;
import io.greenhouse.io.internal.PolledHandle;
import io.greenhouse.io.internal.Transport;

/**
 * A greenlet-blocking version of {@link java.net.DatagramSocket}: a UDP socket whose {@link #receive} (and,
 * rarely, {@link #send}) blocks only the calling greenlet.
 * <pre>{@code
 * GreenDatagramSocket udp = GreenDatagramSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
 * ByteBuffer buf = ByteBuffer.allocate(1500);
 * SocketAddress from = udp.receive(buf);
 * }</pre>
 *
 * <p>Waiting, timeouts, closing and threading are as for {@link GreenSocket}.
 */
public final class GreenDatagramSocket implements Closeable {
    private final DatagramHandle io; // immutable
    private long timeout = -1;       // hub thread only; nanoseconds per wait, negative: none

    private GreenDatagramSocket(DatagramHandle io) {
        this.io = io;
    }

    /**
     * Opens a UDP socket bound to {@code local} (port 0 picks a free port).
     *
     *
     * @param local the address to bind: an {@link java.net.InetSocketAddress}
     * @return the bound socket
     * @throws IllegalStateException if the hub's poller cannot watch I/O (call
     *         {@link io.greenhouse.Scheduler#resetPoller()})
     * @throws IOException if it cannot be bound ({@link java.net.BindException} if the address is in use)
     */
    public static GreenDatagramSocket bind(SocketAddress local) throws IOException {
        return new GreenDatagramSocket(Transport.current().openDatagram(GreenSocket.checkAddress(local)));
    }

    /**
     * Sends the remaining bytes of {@code src} as one datagram to {@code target}; blocks while the buffer is full.
     *
     * @param src the datagram, from its position to its limit; its position advances past what was sent
     * @param target where to send it: an {@link java.net.InetSocketAddress}
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed, the wait timed out or was interrupted, or sending failed
     */
    public void send(ByteBuffer src, SocketAddress target) throws SuspendExecution, IOException {
        Objects.requireNonNull(src, "src");
        java.net.InetSocketAddress to = GreenSocket.checkAddress(target);
        io.checkOpen();
        while (!io.send(src, to)) {
            io.await(PolledHandle.WRITE, timeout);
        }
    }

    /**
     * Receives one datagram into {@code dst} (bytes beyond its room are dropped). If one is queued, returns
     * at once; otherwise blocks as {@link GreenSocket#read}.
     *
     *
     * @param dst the buffer to receive into, from its position
     * @return the sender's address
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed, the wait timed out or was interrupted, or receiving failed
     */
    public SocketAddress receive(ByteBuffer dst) throws SuspendExecution, IOException {
        Objects.requireNonNull(dst, "dst");
        io.checkOpen();
        SocketAddress from;
        while ((from = io.receive(dst)) == null) {
            io.await(PolledHandle.READ, timeout);
        }
        return from;
    }

    /**
     * The bound address.
     *
     * @return the bound address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the socket is closed
     */
    public SocketAddress localAddress() throws IOException {
        io.checkOpen();
        return io.localAddress();
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
     * Sets a socket option (SO_BROADCAST, SO_RCVBUF, SO_SNDBUF, SO_REUSEADDR, IP_TOS...).
     *
     * @param name the option
     * @param value its new value
     * @param <T> the option's value type
     * @return this socket
     * @throws IOException if the socket is closed or the option cannot be set
     */
    public <T> GreenDatagramSocket setOption(SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(name, "name");
        io.checkOpen();
        io.setOption(name, value);
        return this;
    }

    /**
     * The value of a socket option.
     *
     * @param name the option
     * @param <T> the option's value type
     * @return its current value
     * @throws IOException if the socket is closed or the option cannot be read
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

    /** Closes the socket; greenlets blocked on it wake with {@link java.nio.channels.AsynchronousCloseException}. */
    @Override
    public void close() {
        io.close();
    }

    @Override
    public String toString() {
        return "GreenDatagramSocket[" + io.describe() + (io.isClosed() ? ", closed" : "") + "]";
    }
}
