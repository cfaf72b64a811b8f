package io.greenhouse.test.internal.net;

/**
 * Something the network does at a virtual instant: a segment or a datagram arrives, stalled segments flow
 * again. Events happen in (time, rank, sequence) order: rank is 0 unless ties are drawn from the seed, and
 * the sequence is the order the events were queued.
 */
abstract class NetEvent {
    long time;   // network owner; epoch nanos when it happens
    long rank;   // network owner; tie-breaker before the sequence
    long seq;    // network owner; set by the queue

    /** Makes it happen; called once, at {@link #time}. */
    abstract void happen();

    final int compareTo(NetEvent o) {
        int c = Long.compare(time, o.time);
        if (c == 0) {
            c = Long.compare(rank, o.rank);
        }
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
