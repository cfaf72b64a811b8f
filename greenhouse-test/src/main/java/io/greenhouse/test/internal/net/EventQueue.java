package io.greenhouse.test.internal.net;

import java.util.PriorityQueue;

/**
 * The network's pending events, ordered by (virtual time, rank, sequence). {@link #nextTime()} tells a
 * virtual-time poller how far it may jump.
 *
 * <p>Threading: the simulation's thread only.
 */
final class EventQueue {
    /** {@link #nextTime()} when nothing is queued. */
    static final long NONE = Long.MAX_VALUE;

    private final PriorityQueue<NetEvent> heap = new PriorityQueue<>(NetEvent::compareTo); // owner thread
    private long nextSeq;   // owner thread

    void add(NetEvent e) {
        e.seq = nextSeq++;
        heap.add(e);
    }

    /** The time of the earliest event, or {@link #NONE}. */
    long nextTime() {
        NetEvent e = heap.peek();
        return e == null ? NONE : e.time;
    }

    /** Removes and returns the earliest event if it is due at {@code now}, else null. */
    NetEvent pollDue(long now) {
        NetEvent e = heap.peek();
        if (e == null || e.time > now) {
            return null;
        }
        return heap.poll();
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }

    int size() {
        return heap.size();
    }
}
