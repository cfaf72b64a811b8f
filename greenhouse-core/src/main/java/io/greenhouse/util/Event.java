package io.greenhouse.util;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.backend.ParkSites;

/**
 * A flag that greenlets can wait for: greenhouse's {@code Event}, the greenlet twin of
 * {@code threading.Event}.
 *
 * <p>{@link #set()} raises the flag and wakes every greenlet waiting at that moment; {@link #clear()} lowers
 * it. A greenlet woken by {@code set()} returns from {@code await} even if the flag was cleared again
 * before it ran, so {@code set(); clear();} is a pulse that wakes the current waiters only.
 * <pre>{@code
 * Event ready = new Event();
 * Scheduler.schedule(() -> {
 *     ready.await();
 *     System.out.println("go");
 * });
 * ready.set();
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the event was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: timed {@code await} returns {@code true} when the event was set and
 * {@code false} when the time ran out (greenhouse's {@code wait} returns the opposite); waiters wake in the
 * order they began waiting (greenhouse: set order).
 */
public final class Event extends HubBound {
    private boolean flag;                                        // hub thread only
    private long generation;                                     // hub thread only; count of set() calls
    private final ArrayDeque<Greenlet> waiters = new ArrayDeque<>(); // hub thread only; FIFO, not yet woken

    /** Creates an event, not set, on the current thread's hub. */
    public Event() {
    }

    /**
     * Whether the flag is set.
     *
     * @return true if {@link #set()} was called and {@link #clear()} not since
     */
    public boolean isSet() {
        checkHub();
        return flag;
    }

    /**
     * Sets the flag and wakes every waiting greenlet, in the order they began waiting. They run at the
     * hub's next refill, before timers and scheduled greenlets.
     */
    public void set() {
        checkHub();
        flag = true;
        generation++;
        Greenlet g;
        while ((g = waiters.pollFirst()) != null) {
            GreenLockSupport.unpark(g);
        }
    }

    /** Clears the flag. Greenlets already woken by {@link #set()} still return from {@code await}. */
    public void clear() {
        checkHub();
        flag = false;
    }

    /**
     * Waits until the event is set.
     *
     * <p>If the flag is set, returns at once. Otherwise the current greenlet is descheduled until one of:
     * another greenlet calls {@link #set()}; an exception is scheduled into it (thrown from here). Waiters
     * wake in FIFO order. From the main greenlet this runs the hub's loop meanwhile.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void await() throws SuspendExecution {
        awaitUntil(checkHub(), HubClock.NEVER);
    }

    /**
     * Waits at most {@code timeout} seconds until the event is set; a negative timeout waits forever.
     *
     * <p>If the flag is set, returns true at once. Otherwise the current greenlet is descheduled until one
     * of: another greenlet calls {@link #set()}; the timeout elapses on the hub's clock; an exception is
     * scheduled into it (thrown from here). Waiters wake in FIFO order.
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if the event was set, false if the time ran out (greenhouse returns the opposite)
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        return awaitUntil(me, deadline(timeout));
    }

    /**
     * As {@link #await(double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return true if the event was set, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return awaitUntil(me, deadline(timeout));
    }

    /** As {@link #await(double)} with a deadline (epoch nanoseconds; {@code HubClock.NEVER}: none); for Timer. */
    boolean awaitUntil(Greenlet me, long deadline) throws SuspendExecution {
        if (flag) {
            return true;
        }
        long seen = generation;
        waiters.addLast(me);
        try {
            while (generation == seen) {
                if (!ParkSites.parkUntil(this, deadline)) {
                    return generation != seen;
                }
            }
            return true;
        } finally {
            waiters.remove(me);
        }
    }

    /** How many greenlets wait; for tests and monitoring. */
    int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Event[" + (flag ? "set" : "not set") + ", waiters=" + waiters.size() + "]";
    }
}
