package io.greenhouse.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.backend.ParkSites;

/**
 * A counter that greenlets can wait on until it reaches a value: greenhouse's {@code Counter}.
 *
 * <p>{@link #increment()} and {@link #decrement()} change the count and wake every greenlet waiting for
 * the new value. A waiter returns once the count has been equal to its target, even if it moved on before
 * the waiter ran; it does not wake when the count jumps past its target without landing on it. The count
 * may go negative.
 * <pre>{@code
 * Counter running = new Counter();
 * for (Job job : jobs) {
 *     running.increment();
 *     Scheduler.schedule(() -> {
 *         try { job.run(); } finally { running.decrement(); }
 *     });
 * }
 * running.await(0);   // all jobs done
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the counter was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: waiters for one value wake in the order they began waiting; a timed
 * {@code await} exists (true when the value was reached); greenhouse's {@code with counter:}
 * (increment, then decrement) is written as increment and decrement in try/finally.
 */
public final class Counter extends HubBound {
    private int count;                                          // hub thread only
    private final ArrayList<Waiter> waiters = new ArrayList<>(); // hub thread only; FIFO, not yet reached

    private static final class Waiter {
        final Greenlet greenlet;   // immutable
        final int until;           // immutable
        boolean reached;           // hub thread only

        Waiter(Greenlet greenlet, int until) {
            this.greenlet = greenlet;
            this.until = until;
        }
    }

    /** Creates a counter at 0, on the current thread's hub. */
    public Counter() {
        this(0);
    }

    /**
     * Creates a counter at {@code initial}, on the current thread's hub.
     *
     * @param initial the count it starts at
     */
    public Counter(int initial) {
        this.count = initial;
    }

    /**
     * The current count.
     *
     * @return the count now
     */
    public int count() {
        checkHub();
        return count;
    }

    /** Adds one, and wakes the greenlets waiting for the new count. */
    public void increment() {
        checkHub();
        count++;
        wakeWaiters();
    }

    /** Subtracts one, and wakes the greenlets waiting for the new count. */
    public void decrement() {
        checkHub();
        count--;
        wakeWaiters();
    }

    /**
     * Waits until the count is {@code until}.
     *
     * <p>If the count is {@code until}, returns at once. Otherwise the current greenlet is descheduled
     * until one of: an increment or decrement makes the count {@code until}; an exception is scheduled into
     * it (thrown from here).
     *
     * @param until the count to wait for
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void await(int until) throws SuspendExecution {
        awaitUntil(checkHub(), until, HubClock.NEVER);
    }

    /**
     * Waits at most {@code timeout} seconds (negative: forever) until the count is {@code until}, as
     * {@link #await(int)} does, the timeout elapsing on the hub's clock.
     *
     *
     * @param until the count to wait for
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if the count reached {@code until}, false if the time ran out
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(int until, double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        return awaitUntil(me, until, deadline(timeout));
    }

    /**
     * As {@link #await(int, double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param until the count to wait for
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return true if the count reached {@code until}, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(int until, Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return awaitUntil(me, until, deadline(timeout));
    }

    private boolean awaitUntil(Greenlet me, int until, long deadline) throws SuspendExecution {
        if (count == until) {
            return true;
        }
        Waiter w = new Waiter(me, until);
        waiters.add(w);
        try {
            while (!w.reached) {
                if (!ParkSites.parkUntil(this, deadline)) {
                    return w.reached;
                }
            }
            return true;
        } finally {
            if (!w.reached) {
                waiters.remove(w);
            }
        }
    }

    private void wakeWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.until == count) {
                it.remove();
                w.reached = true;
                GreenLockSupport.unpark(w.greenlet);
            }
        }
    }

    /** How many greenlets wait; for tests. */
    int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Counter[count=" + count + ", waiters=" + waiters.size() + "]";
    }
}
