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
     * @throws IllegalStateException if the hub's poller cannot watch I/O (call
     *         {@link io.greenhouse.Scheduler#resetPoller()})
     */
    public static GreenDatagramSocket bind(SocketAddress local) throws IOException {
        return new GreenDatagramSocket(Transport.current().openDatagram(GreenSocket.checkAddress(local)));
    }

    /** Sends the remaining bytes of {@code src} as one datagram to {@code target}; blocks while the buffer is full. */
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
     * @return the sender's address
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

    /** The bound address. */
    public SocketAddress localAddress() throws IOException {
        io.checkOpen();
        return io.localAddress();
    }

    /** Sets how long each wait may last, in seconds; negative means no limit (the default). */
    public void setTimeout(double secs) {
        timeout = PolledHandle.timeoutNanos(secs);
    }

    /** The timeout in seconds; -1 means none. */
    public double timeout() {
        return PolledHandle.timeoutSeconds(timeout);
    }

    /** Sets a socket option (SO_BROADCAST, SO_RCVBUF, SO_SNDBUF, SO_REUSEADDR, IP_TOS...). */
    public <T> GreenDatagramSocket setOption(SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(name, "name");
        io.checkOpen();
        io.setOption(name, value);
        return this;
    }

    /** The value of a socket option. */
    public <T> T getOption(SocketOption<T> name) throws IOException {
        Objects.requireNonNull(name, "name");
        io.checkOpen();
        return io.getOption(name);
    }

    /** Whether {@link #close()} was called (or the hub closed it). */
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
