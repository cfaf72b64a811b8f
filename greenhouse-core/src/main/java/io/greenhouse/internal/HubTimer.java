package io.greenhouse.internal;

/**
 * One entry of a hub's timer heap: a deadline (hub clock, nanoseconds since the epoch) and what happens when it
 * is due. Due timers run in deadline order, ties in the order they were set.
 *
 * <p>Made by the loop for timed parks and scheduled greenlets, and by {@link Loop#actionTimer} for actions
 * (recurring runs). Threading: hub thread only.
 */
public final class HubTimer {
    static final int PARK_TIMEOUT = 0;   // ends a timed park of strand
    static final int SCHEDULE = 1;       // makes strand runnable (scheduleAt, scheduleExceptionAt)
    static final int ACTION = 2;         // runs action on the loop (recurring runs)

    final int kind;          // immutable
    final Strand strand;     // immutable; null for ACTION
    final Runnable action;   // immutable; null unless ACTION
    long deadline;           // hub thread only; hub clock, nanoseconds since the epoch
    long seq;                // hub thread only; tie-breaker, set when armed
    int index = -1;          // hub thread only; position in the heap, -1 when not armed

    HubTimer(int kind, Strand strand, Runnable action) {
        this.kind = kind;
        this.strand = strand;
        this.action = action;
    }

    boolean before(HubTimer other) {
        return deadline < other.deadline || (deadline == other.deadline && seq < other.seq);
    }
}
