package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A simulated UDP socket. Each datagram draws its own latency (so datagrams can overtake each other), and
 * may be lost or duplicated with the configured rates; a datagram across a partition is lost, one across a
 * held link waits and then arrives in order; one that finds its receive queue full, no socket on its port,
 * or its host down is dropped.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class DatagramPort extends NetObject {
    final InetSocketAddress local;                            // immutable
    final ArrayDeque<Datagram> queue = new ArrayDeque<>();    // owner thread; arrived, unread

    DatagramPort(Network net, NetHost host, InetSocketAddress local) {
        super(net, host);
        this.local = local;
    }

    /**
     * The address it is bound to.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Sends the remaining bytes of {@code src} as one datagram to {@code target}: the count (all of them; a
     * datagram is never split). Losses are silent, as UDP's are.
     *
     * @param src the payload
     * @param target the address to send to
     * @return the number of bytes sent
     * @throws IOException if the socket is closed or its host crashed
     */
    public int send(ByteBuffer src, InetSocketAddress target) throws IOException {
        checkOpen();
        byte[] data = new byte[src.remaining()];
        src.get(data);
        net.udp.sendDatagram(this, data, target);
        return data.length;
    }

    /**
     * Moves the next datagram into {@code dst} (what does not fit is lost, as with
     * {@link java.nio.channels.DatagramChannel}) and returns its sender, or returns null if none has arrived.
     *
     * @param dst where the payload goes
     * @return the sender, or null
     * @throws IOException if the socket is closed or its host crashed
     */
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        checkOpen();
        Datagram d = queue.pollFirst();
        if (d == null) {
            return null;
        }
        dst.put(d.data, 0, Math.min(d.data.length, dst.remaining()));
        return d.source;
    }

    /**
     * Whether {@link #receive} would not return null.
     *
     * @return whether a datagram has arrived
     */
    public boolean isReadable() {
        return closed || vanished || !queue.isEmpty();
    }

    /** Unread datagrams are dropped and the port is freed. */
    @Override
    void onClose() {
        queue.clear();
        net.release(this);
        wake(READ | WRITE);
    }

    private void checkOpen() throws IOException {
        checkUsable();
    }

    @Override
    void vanish() {
        queue.clear();
        super.vanish();
    }

    @Override
    public String toString() {
        return "udp " + Network.text(local) + (closed ? " closed" : "");
    }

    /** A datagram on its way, or waiting in a receive queue. */
    static final class Datagram extends NetEvent {
        final Network net;              // immutable
        final NetHost from;             // immutable
        final NetHost to;               // immutable
        final InetSocketAddress source; // immutable
        final InetSocketAddress target; // immutable
        final byte[] data;              // immutable
        final String label;             // immutable; "udp 127.77.0.1:5000>127.77.0.2:5000 12B"

        Datagram(Network net, NetHost from, NetHost to, InetSocketAddress source, InetSocketAddress target,
                 byte[] data) {
            this.net = net;
            this.from = from;
            this.to = to;
            this.source = source;
            this.target = target;
            this.data = data;
            this.label = "udp " + Network.text(source) + ">" + Network.text(target) + " " + data.length + "B";
        }

        @Override
        void happen() {
            net.udp.arrive(this);
        }
    }
}
