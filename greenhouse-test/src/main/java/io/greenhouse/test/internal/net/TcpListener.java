package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * A simulated listening TCP socket. A SYN that reaches it completes the handshake at once (as a kernel does)
 * and waits in the backlog until {@link #accept()} takes it; while the backlog is full, further SYNs wait and
 * are admitted as accepts free room (retransmission would bring them in).
 *
 * <p>Threading: the simulation's thread only.
 */
public final class TcpListener extends NetObject {
    final InetSocketAddress local;   // immutable
    final int backlog;               // immutable; at least 1
    final ArrayDeque<TcpEndpoint> established = new ArrayDeque<>();   // owner thread; not yet accepted
    final ArrayDeque<TcpConnection> waitingSyns = new ArrayDeque<>(); // owner thread; the backlog was full

    TcpListener(Network net, NetHost host, InetSocketAddress local, int backlog) {
        super(net, host);
        this.local = local;
        this.backlog = backlog;
    }

    /**
     * The address it listens on.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * The next established connection, or null if none is waiting.
     *
     * @return the connection, or null
     * @throws IOException if the listener is closed or its host crashed
     */
    public TcpEndpoint accept() throws IOException {
        checkUsable();
        TcpEndpoint e = established.pollFirst();
        if (e != null) {
            TcpConnection next = waitingSyns.pollFirst();
            if (next != null) {
                net.tcp.admit(this, next);
            }
        }
        return e;
    }

    /**
     * Whether {@link #accept()} would not return null.
     *
     * @return whether a connection waits
     */
    public boolean isAcceptable() {
        return closed || vanished || !established.isEmpty();
    }

    /** Connections not yet accepted, and waiting SYNs, are reset; the port is freed. */
    @Override
    void onClose() {
        net.closeListener(this);
        wake(READ);
    }

    @Override
    void vanish() {
        established.clear();
        waitingSyns.clear();
        super.vanish();
    }

    @Override
    public String toString() {
        return "listener " + Network.text(local) + (closed ? " closed" : "");
    }
}
