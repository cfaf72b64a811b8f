package io.greenhouse.test.internal.net;

import java.util.ArrayDeque;

/**
 * The faults of one ordered pair of hosts: messages from {@code from} to {@code to} can be partitioned (TCP
 * segments stall, datagrams are lost) or held (everything waits, then flows in order).
 *
 * <p>Threading: the simulation's thread only.
 */
final class Link {
    final NetHost from;     // immutable
    final NetHost to;       // immutable
    boolean partitioned;    // owner thread
    boolean held;           // owner thread
    final ArrayDeque<DatagramPort.Datagram> heldDatagrams = new ArrayDeque<>();  // owner thread; in arrival order
    boolean flushQueued;    // owner thread; a flush of heldDatagrams is queued

    Link(NetHost from, NetHost to) {
        this.from = from;
        this.to = to;
    }

    /** Whether a message arriving now must wait (or, for a datagram across a partition, is lost). */
    boolean blocked() {
        return partitioned || held;
    }
}
