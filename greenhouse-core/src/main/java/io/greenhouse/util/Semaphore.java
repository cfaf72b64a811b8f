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
 * A counting semaphore for greenlets: greenhouse's {@code Semaphore}, the greenlet twin of
 * {@code threading.Semaphore} and of {@link java.util.concurrent.Semaphore}.
 *
 * <p>It holds a number of permits. {@code acquire} takes one, waiting while there is none; {@code release}
 * gives one back. A release with greenlets waiting hands the permit directly to the one that has waited
 * longest, so {@link #value()} stays 0 across the hand-off and no later arrival can barge in. Any greenlet
 * may release, including one that never acquired (see {@link BoundedSemaphore} for a checked variant).
 * <pre>{@code
 * Semaphore slots = new Semaphore(3);
 * try (Lock.Held permit = slots.acquired()) {
 *     // at most three greenlets in here
 * }
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the semaphore was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: a negative value throws {@link IllegalArgumentException} (greenhouse:
 * {@code AssertionError}); a waiter that is ended or given an exception leaves the queue, and passes on a
 * permit it had just been handed (greenhouse loses the permit); timed acquires exist.
 */
public sealed class Semaphore extends HubBound permits BoundedSemaphore {
    int value;                                                  // hub thread only; free permits, >= 0
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(); // hub thread only; FIFO, not yet granted
    private final Lock.Held held = this::release;               // immutable

    private static final class Waiter {
        final Greenlet greenlet;   // immutable
        boolean granted;           // hub thread only; a permit was handed to it

        Waiter(Greenlet greenlet) {
            this.greenlet = greenlet;
        }
    }

    /** Creates a semaphore with one permit, on the current thread's hub. */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits, on the current thread's hub.
     *
     *
     * @param value the number of permits it starts with
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore value < 0: " + value);
        }
        this.value = value;
    }

    /**
     * How many permits are free.
     *
     * @return the number of free permits
     */
    public int value() {
        checkHub();
        return value;
    }

    /**
     * Takes a permit, waiting as long as it takes; always returns true.
     *
     * <p>If a permit is free, takes it and returns at once. Otherwise the current greenlet is descheduled
     * until one of: a release hands it a permit (waiters are served first come, first served); an
     * exception is scheduled into it (thrown from here, without a permit).
     *
     * @return true
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire() throws SuspendExecution {
        return acquireUntil(checkHub(), HubClock.NEVER);
    }

    /**
     * Takes a permit if one is free when {@code blocking} is false, or as {@link #acquire()} if it is true.
     *
     *
     * @param blocking whether to wait for a permit if none is free
     * @return whether a permit was taken (always true when blocking)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(boolean blocking) throws SuspendExecution {
        Greenlet me = checkHub();
        if (blocking) {
            return acquireUntil(me, HubClock.NEVER);
        }
        if (value > 0) {
            value--;
            return true;
        }
        return false;
    }

    /**
     * Takes a permit, waiting at most {@code timeout} seconds (negative: forever).
     *
     * <p>If a permit is free, takes it and returns true at once. Otherwise the current greenlet is
     * descheduled until one of: a release hands it a permit; the timeout elapses on the hub's clock; an
     * exception is scheduled into it (thrown from here, without a permit).
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if a permit was taken, false if the time ran out
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        return acquireUntil(me, deadline(timeout));
    }

    /**
     * As {@link #acquire(double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return true if a permit was taken, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return acquireUntil(me, deadline(timeout));
    }

    /**
     * Takes a permit as {@link #acquire()} and returns a handle whose {@code close()} releases it, for
     * try-with-resources (greenhouse's {@code with sem:}).
     *
     * @return a handle that releases the permit when closed, once
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public Lock.Held acquired() throws SuspendExecution {
        acquire();
        return held;
    }

    /** Gives a permit back: to the longest-waiting greenlet, which is woken, or to the free count. */
    public void release() {
        checkHub();
        releasePermit();
    }

    final void releasePermit() {
        Waiter w = waiters.pollFirst();
        if (w == null) {
            value++;
        } else {
            w.granted = true;
            GreenLockSupport.unpark(w.greenlet);
        }
    }

    private boolean acquireUntil(Greenlet me, long deadline) throws SuspendExecution {
        if (value > 0) {
            value--;
            return true;
        }
        Waiter w = new Waiter(me);
        waiters.addLast(w);
        boolean acquired = false;
        try {
            while (!w.granted) {
                if (!ParkSites.parkUntil(this, deadline) && !w.granted) {
                    return false;
                }
            }
            acquired = true;
            return true;
        } finally {
            if (!acquired) {
                if (w.granted) {
                    releasePermit();   // handed to us, but we leave with an exception: pass it on
                } else {
                    waiters.remove(w);
                }
            }
        }
    }

    /** How many greenlets wait; for tests. */
    final int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + ", waiters=" + waiters.size() + "]";
    }
}
