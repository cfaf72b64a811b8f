package io.greenhouse.test.internal.net;

import java.util.ArrayDeque;

/**
 * One direction of a TCP connection: the ordered stream of segments from one endpoint to the other.
 *
 * <p>Order: a segment is delivered at {@code max(previous segment's time, now + drawn latency)} (and, when
 * ties are drawn, with a rank no smaller than the previous segment's at the same time), so segments of one
 * direction always arrive in the order they were sent. A segment that arrives while the link is
 * partitioned or held stalls here, and so does every later one, until the fault ends and a flush delivers
 * them in order, as retransmission would.
 *
 * <p>Threading: the simulation's thread only.
 */
final class Channel {
    final TcpConnection conn;      // immutable
    final NetHost from;            // immutable
    final NetHost to;              // immutable
    final boolean toServer;        // immutable; client to server
    long lastTime = Long.MIN_VALUE; // owner thread; delivery time of the last segment sent
    long lastRank;                 // owner thread; its rank
    final ArrayDeque<Segment> stalled = new ArrayDeque<>();  // owner thread; arrived while blocked, in order
    boolean flushQueued;           // owner thread; a flush of stalled is queued
    boolean inStalledList;         // owner thread; listed in Network.stalledChannels

    Channel(TcpConnection conn, NetHost from, NetHost to, boolean toServer) {
        this.conn = conn;
        this.from = from;
        this.to = to;
        this.toServer = toServer;
    }

    /** The receiving endpoint, or null before the server side exists. */
    TcpEndpoint target() {
        return toServer ? conn.server : conn.client;
    }

    /** For the trace: {@code tcp#1 127.77.0.2:49152>127.77.0.1:80}. */
    String label() {
        return toServer ? conn.label : conn.reverseLabel;
    }
}
