package io.greenhouse.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.PolledHandle;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;

/**
 * A greenlet-blocking version of {@link java.net.Socket} (greenhouse's {@code greenhouse.io.Socket}): a
 * connected TCP socket whose calls block only the calling greenlet, while the hub runs the others.
 *
 * <p>The socket is non-blocking underneath and registered once with the hub's I/O poller (epoll or NIO,
 * whichever the hub has; a simulated network in greenhouse-test). A call first tries the operation; if it would block,
 * the greenlet is descheduled until one of: the socket becomes ready; it is closed (the call throws
 * {@link java.nio.channels.AsynchronousCloseException}); the {@linkplain #setTimeout timeout} elapses
 * ({@link java.net.SocketTimeoutException}); an interrupt of the hub's thread wakes every I/O waiter
 * ({@link java.io.InterruptedIOException}, unless interrupts are ignored); an exception is scheduled into it
 * ({@link io.greenhouse.Scheduler#scheduleException}, {@link io.greenhouse.Scheduler#end}), which the call
 * throws. Whatever happens, the socket stays usable or, if closed, fully released. Greenlets waiting in
 * the same direction are woken together and retry in the order they parked.
 * <pre>{@code
 * GreenSocket s = GreenSocket.connect("example.org", 80);
 * s.sendAll("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 * byte[] reply = s.recv(4096);
 * s.close();
 * }</pre>
 *
 * <p>Threading: a socket belongs to the hub of the thread that made it; every method MUST be called on
 * that thread ({@link IllegalStateException} otherwise). A hub whose poller cannot watch I/O (core's
 * portable poller) refuses to make sockets with an {@code IllegalStateException} that says to call
 * {@link io.greenhouse.Scheduler#resetPoller()}; a hub made while {@code greenhouse-io} is on the class path
 * already has the best I/O poller. Closing the hub, or replacing its poller, closes its sockets.
 *
 * <p>Differences from greenhouse: sockets are made connected ({@link #connect}, {@link GreenServerSocket#accept},
 * {@link #pair}); there is no non-blocking mode (use a timeout of 0); the timeout applies to each wait, as
 * in greenhouse, and starts at "none" (greenhouse copied the module default).
 */
public final class GreenSocket implements Closeable, GreenStreams.Endpoint {
    private final StreamHandle io;   // immutable
    private long timeout = -1;       // hub thread only; nanoseconds per wait, negative: no limit
    private InputStream in;          // hub thread only; lazily made
    private OutputStream out;        // hub thread only; lazily made

    GreenSocket(StreamHandle io) {
        this.io = io;
    }

    /**
     * Connects to {@code remote}. An unresolved address is resolved first, off the hub's thread.
     *
     * <p>If the connection is made at once, returns at once. Otherwise the greenlet is descheduled, as the class
     * comment describes, until the connection is established or fails.
     *
     * @param remote the address to connect to: an {@link InetSocketAddress}, resolved or not
     * @return the connected socket, with no timeout
     * @throws java.net.ConnectException if nobody listens at {@code remote} or the connection fails; the
     *         message names the address
     * @throws java.net.UnknownHostException if {@code remote} is unresolved and its host name does not resolve
     * @throws IOException if the connection cannot be made for another reason (no route to the host...)
     * @throws IllegalArgumentException if {@code remote} is not an {@code InetSocketAddress}
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static GreenSocket connect(SocketAddress remote) throws SuspendExecution, IOException {
        return connect(checkAddress(remote), -1L);
    }

    /**
     * Connects to {@code remote}, as {@link #connect(SocketAddress)}, waiting at most {@code timeout} seconds
     * for the connection to be established.
     *
     * @param remote  the address to connect to: an {@link InetSocketAddress}, resolved or not
     * @param timeout seconds to wait at most for the connection (not for name resolution); negative: no limit
     * @return the connected socket, with no timeout (this one applies to the connection only)
     * @throws java.net.SocketTimeoutException if it was not established in time; the message names the address
     * @throws java.net.ConnectException if nobody listens at {@code remote} or the connection fails; the
     *         message names the address
     * @throws IOException if the connection cannot be made for another reason
     * @throws IllegalArgumentException if {@code remote} is not an {@code InetSocketAddress}, or the timeout
     *         is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static GreenSocket connect(SocketAddress remote, double timeout) throws SuspendExecution, IOException {
        return connect(checkAddress(remote), PolledHandle.timeoutNanos(timeout));
    }

    private static GreenSocket connect(InetSocketAddress address, long timeout) throws SuspendExecution, IOException {
        if (address.isUnresolved()) {
            address = resolve(address.getHostString(), address.getPort());
        }
        StreamHandle h = Transport.current().openStream(address);
        boolean connected = false;
        try {
            if (!h.connect(address)) {
                do {
                    h.await(PolledHandle.WRITE, timeout);
                } while (!h.finishConnect());
            }
            connected = true;
        } catch (ConnectException refused) {
            // The kernel's (or Netty's) message names no address: a program connecting to several cannot tell
            // which one failed.
            ConnectException named = new ConnectException("cannot connect to " + address + ": "
                    + refused.getMessage());
            named.initCause(refused);
            throw named;
        } catch (SocketTimeoutException late) {
            SocketTimeoutException named = new SocketTimeoutException("connect to " + address + " timed out after "
                    + PolledHandle.timeoutSeconds(timeout) + " s");
            named.initCause(late);
            throw named;
        } finally {
            if (!connected) {
                h.close();
            }
        }
        return new GreenSocket(h);
    }

    /**
     * Connects to {@code host}:{@code port}. The name is resolved on a small pool of daemon threads while
     * the greenlet is parked: DNS never blocks the hub's thread. The first address of the name is used.
     *
     *
     * @param host a host name or an IP literal; the empty string is the loopback address
     * @param port the port, 0 to 65535
     * @return the connected socket, with no timeout
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static GreenSocket connect(String host, int port) throws SuspendExecution, IOException {
        Objects.requireNonNull(host, "host");
        return connect(resolve(host, port), -1L);
    }

    /**
     * A pair of sockets connected to each other over the loopback interface (greenhouse's
     * {@code socketpair}).
     *
     * @return two connected sockets: the connecting end first, then the accepted one
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the loopback connection cannot be made
     */
    public static GreenSocket[] pair() throws SuspendExecution, IOException {
        Transport transport = Transport.current();
        ListenerHandle listener = transport.openListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        StreamHandle client = null;
        try {
            InetSocketAddress local = listener.localAddress();
            client = transport.openStream(local);
            boolean connected = client.connect(local);
            StreamHandle server;
            while ((server = listener.accept()) == null) {
                listener.await(PolledHandle.READ, -1L);
            }
            while (!connected) {
                client.await(PolledHandle.WRITE, -1L);
                connected = client.finishConnect();
            }
            GreenSocket[] pair = {new GreenSocket(client), new GreenSocket(server)};
            client = null;
            return pair;
        } finally {
            listener.close();
            if (client != null) {
                client.close();
            }
        }
    }

    static InetSocketAddress checkAddress(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("not an InetSocketAddress: " + address);
        }
        return (InetSocketAddress) address;
    }

    static InetSocketAddress resolve(String host, int port) throws SuspendExecution, IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetSocketAddress literal = literal(host, port);
        if (literal != null) {
            return literal;
        }
        InetAddress a = Transport.current().resolve(host);   // into a local: Quasar cannot suspend inside a new
        return new InetSocketAddress(a, port);
    }

    /** An IP literal (or the empty host, loopback) resolved without DNS, or null for a name. */
    private static InetSocketAddress literal(String host, int port) {
        if (host.isEmpty()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        boolean ipv4 = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                ipv4 = false;
                break;
            }
        }
        if (ipv4 || host.indexOf(':') >= 0) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Reads into {@code dst}. If bytes are available, returns at once. Otherwise the greenlet is descheduled
     * as the class comment describes.
     *
     * @return the number of bytes read, at least 1 unless {@code dst} has no room; -1 at end of stream
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws IOException if the connection failed (reset by the peer...)
     */
    public int read(ByteBuffer dst) throws SuspendExecution, IOException {
        return io.readSome(dst, timeout);
    }

    /**
     * Receives up to {@code max} bytes (greenhouse's {@code recv}); blocks as {@link #read}.
     *
     *
     * @param max the most bytes to receive
     * @return the bytes, empty at end of stream
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed ({@link java.nio.channels.ClosedChannelException}, {@link
     *         java.nio.channels.AsynchronousCloseException} if closed while waiting), the wait timed out ({@link
     *         java.net.SocketTimeoutException}), an interrupt woke it ({@link java.io.InterruptedIOException}), or the
     *         connection failed
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
     * Writes some of {@code src} (greenhouse's {@code send}). If there is room in the send buffer, returns at
     * once; otherwise blocks as {@link #read} until some bytes are written.
     *
     *
     * @param src the bytes to write, from its position to its limit; its position advances
     * @return the number of bytes written, at least 1 unless {@code src} is empty
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed ({@link java.nio.channels.ClosedChannelException}, {@link
     *         java.nio.channels.AsynchronousCloseException} if closed while waiting), the wait timed out ({@link
     *         java.net.SocketTimeoutException}), an interrupt woke it ({@link java.io.InterruptedIOException}), or the
     *         connection failed
     */
    public int write(ByteBuffer src) throws SuspendExecution, IOException {
        return io.writeSome(src, timeout);
    }

    /**
     * Writes all of {@code data} (greenhouse's {@code sendall}), blocking as {@link #write} while needed.
     *
     * @param data the bytes to write
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException if the socket is closed ({@link java.nio.channels.ClosedChannelException}, {@link
     *         java.nio.channels.AsynchronousCloseException} if closed while waiting), the wait timed out ({@link
     *         java.net.SocketTimeoutException}), an interrupt woke it ({@link java.io.InterruptedIOException}), or the
     *         connection failed
     */
    public void sendAll(byte[] data) throws SuspendExecution, IOException {
        writeFully(ByteBuffer.wrap(data));
    }

    /** Writes all remaining bytes of {@code src}. */
    public void writeFully(ByteBuffer src) throws SuspendExecution, IOException {
        io.writeAll(src, timeout);
    }

    /**
     * An input stream over this socket; its reads block the greenlet as {@link #read} and must be called
     * from instrumented (suspendable) code. Closing it closes the socket.
     *
     * @return the socket's input stream, the same one each time
     */
    public InputStream inputStream() {
        if (in == null) {
            in = new GreenStreams.Input(this);
        }
        return in;
    }

    /**
     * An output stream over this socket; writes block as {@link #sendAll}. Closing it closes the socket.
     *
     * @return the socket's output stream, the same one each time
     */
    public OutputStream outputStream() {
        if (out == null) {
            out = new GreenStreams.Output(this);
        }
        return out;
    }

    /**
     * Sets how long each wait of a blocking call may last, in seconds; negative means no limit (the
     * default), 0 means a call that would block times out after one loop round.
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
     * Sets a socket option ({@link java.net.StandardSocketOptions}: TCP_NODELAY, SO_KEEPALIVE, SO_RCVBUF,
     * SO_SNDBUF, SO_LINGER, SO_REUSEADDR, SO_REUSEPORT, IP_TOS).
     *
     *
     * @param name the option
     * @param value its new value
     * @param <T> the option's value type
     * @return this socket
     * @throws UnsupportedOperationException for an option the poller's sockets do not support
     * @throws IOException if the socket is closed or the option cannot be set
     */
    public <T> GreenSocket setOption(SocketOption<T> name, T value) throws IOException {
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
     * Shuts down the reading side: further reads see end of stream.
     *
     * @throws IOException if the socket is closed or the shutdown fails
     */
    public void shutdownInput() throws IOException {
        io.checkOpen();
        io.shutdownInput();
    }

    /**
     * Shuts down the writing side: the peer sees end of stream; reading still works.
     *
     * @throws IOException if the socket is closed or the shutdown fails
     */
    public void shutdownOutput() throws IOException {
        io.checkOpen();
        io.shutdownOutput();
    }

    /**
     * The local address.
     *
     * @return the local address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the socket is closed
     */
    public SocketAddress localAddress() throws IOException {
        io.checkOpen();
        return io.localAddress();
    }

    /**
     * The peer's address.
     *
     * @return the peer's address, an {@link java.net.InetSocketAddress}
     * @throws IOException if the socket is closed
     */
    public SocketAddress remoteAddress() throws IOException {
        io.checkOpen();
        return io.remoteAddress();
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
     * Closes the socket: the peer sees end of stream, every greenlet blocked on it wakes with
     * {@link java.nio.channels.AsynchronousCloseException}, and later calls throw
     * {@link java.nio.channels.ClosedChannelException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        io.close();
    }

    @Override
    public String toString() {
        return "GreenSocket[" + io.describe() + (io.isClosed() ? ", closed" : "") + "]";
    }
}
