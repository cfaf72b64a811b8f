package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;

/**
 * One end of a simulated TCP connection, with the non-blocking operations a green socket needs: every
 * call returns at once, 0 meaning "would block" (wait for a {@link Readiness} call and try again).
 *
 * <p>The model: bytes written travel as one segment per write, delivered in order after the drawn latency.
 * A writer may have at most {@code sendBuffer + receiveBuffer} bytes that the reader has not read yet (the
 * window); reads send the freed space back as a window update, so a slow reader blocks a fast writer, and
 * the writer resumes one latency after the reader reads. {@code shortIo} makes each read and write move a
 * uniformly drawn part of what it could, at least one byte. A reset (the peer closed with unread data, or its
 * host restarted) fails every later operation with "Connection reset"; a crash of this endpoint's host
 * makes it vanish.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class TcpEndpoint extends NetObject {
    private static final int CONNECTING = 0;
    private static final int ESTABLISHED = 1;
    private static final int FAILED = 2;

    final TcpConnection conn;       // immutable
    final boolean isClient;         // immutable
    private int state;              // owner thread; CONNECTING -> ESTABLISHED, or -> FAILED
    private final ByteQueue received = new ByteQueue();  // owner thread; arrived, unread
    private boolean finReceived;    // owner thread; the peer shut its output down
    private boolean inputShutdown;  // owner thread
    private boolean outputShutdown; // owner thread; our FIN is sent
    private IOException error;      // owner thread; connection refused or reset; sticky
    private long credit;            // owner thread; bytes we may still send before the peer reads

    TcpEndpoint(Network net, NetHost host, TcpConnection conn, boolean isClient, long window) {
        super(net, host);
        this.conn = conn;
        this.isClient = isClient;
        this.state = isClient ? CONNECTING : ESTABLISHED;
        this.credit = window;
    }

    /**
     * Our address: the client's ephemeral port, or the listener's address.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return isClient ? conn.clientAddress : conn.serverAddress;
    }

    /**
     * The peer's address.
     *
     * @return the remote address
     */
    public InetSocketAddress remoteAddress() {
        return isClient ? conn.serverAddress : conn.clientAddress;
    }

    /**
     * Whether the handshake has completed (and the connection has not failed).
     *
     * @return whether it is connected
     */
    public boolean isConnected() {
        return state == ESTABLISHED;
    }

    /**
     * True once connected; false while the handshake is under way.
     *
     * @return whether it is connected
     * @throws ConnectException if the connection was refused
     * @throws IOException      if the endpoint is closed or its host crashed
     */
    public boolean finishConnect() throws IOException {
        checkOpen();
        if (state == FAILED) {
            throw error;
        }
        return state == ESTABLISHED;
    }

    /**
     * Reads into {@code dst}: the count (positive), 0 if nothing has arrived yet (or {@code dst} is full), -1 at
     * the end of the stream.
     *
     * @param dst where the bytes go
     * @return the count, 0 or -1
     * @throws SocketException if the connection was reset
     * @throws IOException     if the endpoint is closed or its host crashed
     */
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (error != null) {
            throw error;
        }
        if (inputShutdown) {
            return -1;
        }
        if (!received.isEmpty()) {
            int n = Math.min(received.size(), dst.remaining());
            if (n == 0) {
                return 0;
            }
            n = net.part(n);
            received.moveTo(dst, n);
            net.tcp.sendAck(this, n);
            return n;
        }
        return finReceived ? -1 : 0;
    }

    /**
     * Writes from {@code src}: the count, 0 if the window is full (the peer has not read enough) or the
     * connection is still being set up.
     *
     * @param src the bytes to send
     * @return the count, or 0
     * @throws SocketException         if the connection was reset or refused
     * @throws ClosedChannelException  if the output was shut down or the endpoint closed
     * @throws IOException             if the endpoint's host crashed
     */
    public int write(ByteBuffer src) throws IOException {
        checkOpen();
        if (error != null) {
            throw error;
        }
        if (outputShutdown) {
            throw new ClosedChannelException();
        }
        if (state != ESTABLISHED || credit == 0 || !src.hasRemaining()) {
            return 0;
        }
        int n = (int) Math.min(src.remaining(), credit);
        n = net.part(n);
        byte[] data = new byte[n];
        src.get(data);
        credit -= n;
        net.tcp.sendData(this, data);
        return n;
    }

    /**
     * Bytes that a read could return now.
     *
     * @return the number of bytes
     */
    public int available() {
        return inputShutdown ? 0 : received.size();
    }

    /**
     * Whether a read would not return 0: data, the end of the stream, or an error to report.
     *
     * @return whether it is readable
     */
    public boolean isReadable() {
        return closed || vanished || error != null || inputShutdown || !received.isEmpty() || finReceived;
    }

    /**
     * Whether a write would not return 0 (it may throw), or a connect has finished either way.
     *
     * @return whether it is writable
     */
    public boolean isWritable() {
        return closed || vanished || error != null || outputShutdown || (state == ESTABLISHED && credit > 0);
    }

    /**
     * Ends our reading: later reads return -1, and data that arrives is dropped (its space given back).
     *
     * @throws IOException if the endpoint is closed or its host crashed
     */
    public void shutdownInput() throws IOException {
        checkOpen();
        if (!inputShutdown) {
            inputShutdown = true;
            int n = received.clear();
            if (n > 0) {
                net.tcp.sendAck(this, n);
            }
        }
    }

    /**
     * Ends our writing: the peer reads the end of the stream after the data already sent.
     *
     * @throws NotYetConnectedException if the handshake has not completed
     * @throws IOException if the endpoint is closed or its host crashed, or the connection was reset
     */
    public void shutdownOutput() throws IOException {
        checkOpen();
        if (error != null) {
            throw error;
        }
        if (state != ESTABLISHED) {
            throw new NotYetConnectedException();
        }
        if (!outputShutdown) {
            outputShutdown = true;
            net.tcp.sendControl(this, Segment.Kind.FIN);
        }
    }

    /**
     * The peer reads the end of the stream, or, if data we received is still unread, sees a reset (as TCP
     * does).
     */
    @Override
    void onClose() {
        if (state == ESTABLISHED && error == null) {
            if (!received.isEmpty()) {
                net.tcp.sendControl(this, Segment.Kind.RST);
            } else if (!outputShutdown) {
                outputShutdown = true;
                net.tcp.sendControl(this, Segment.Kind.FIN);
            }
        }
        received.clear();
        net.release(this);
        wake(READ | WRITE);
    }

    /** Closes with a reset, whatever the state: a listener closed before accepting this connection. */
    void abort() {
        if (isOpen() && state == ESTABLISHED && error == null) {
            net.tcp.sendControl(this, Segment.Kind.RST);
            error = new SocketException("Connection reset");   // so that closing sends nothing more
        }
        close();
    }

    private void checkOpen() throws IOException {
        checkUsable();
    }

    // ------------------------------------------------------------------------------------------------
    // What arrives, called by the network at delivery

    /** The channel from this endpoint to its peer. */
    Channel out() {
        return isClient ? conn.toServer : conn.toClient;
    }

    void established() {
        if (state == CONNECTING) {
            state = ESTABLISHED;
            wake(WRITE);
        }
    }

    void refused() {
        if (state == CONNECTING) {
            state = FAILED;
            error = new ConnectException("Connection refused: " + Network.text(conn.serverAddress));
            wake(READ | WRITE);
        }
    }

    /** Data arrived; returns false if it was dropped because our input is shut down (ack it anyway). */
    boolean receive(byte[] data) {
        if (inputShutdown) {
            return false;
        }
        received.add(data);
        wake(READ);
        return true;
    }

    void fin() {
        finReceived = true;
        wake(READ);
    }

    void credit(int n) {
        boolean wasFull = credit == 0;
        credit += n;
        if (wasFull) {
            wake(WRITE);
        }
    }

    void reset() {
        if (state == CONNECTING) {
            refused();
            return;
        }
        if (error == null) {
            state = FAILED;
            error = new SocketException("Connection reset");
            received.clear();
            wake(READ | WRITE);
        }
    }

    @Override
    void vanish() {
        received.clear();
        super.vanish();
    }

    @Override
    public String toString() {
        return (isClient ? conn.label : conn.reverseLabel) + (closed ? " closed" : "");
    }
}
