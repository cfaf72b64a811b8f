package io.greenhouse;

/**
 * One entry of a hub's timer heap: a deadline (hub clock, nanoseconds since the epoch) and what happens when it
 * is due. Due timers run in deadline order, ties in the order they were set.
 */
final class HubTimer {
    static final int PARK_TIMEOUT = 0;   // ends a timed park of greenlet
    static final int SCHEDULE = 1;       // makes greenlet runnable (scheduleAt, scheduleExceptionAt)
    static final int ACTION = 2;         // runs action on the loop (recurring runs)

    final int kind;          // immutable
    final Greenlet greenlet; // immutable; null for ACTION
    final Runnable action;   // immutable; null unless ACTION
    long deadline;           // hub thread only; hub clock, nanoseconds since the epoch
    long seq;                // hub thread only; tie-breaker, set when armed
    int index = -1;          // hub thread only; position in the heap, -1 when not armed

    HubTimer(int kind, Greenlet greenlet, Runnable action) {
        this.kind = kind;
        this.greenlet = greenlet;
        this.action = action;
    }

    boolean before(HubTimer other) {
        return deadline < other.deadline || (deadline == other.deadline && seq < other.seq);
    }
}
