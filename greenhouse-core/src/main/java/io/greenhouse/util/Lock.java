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
 * A mutual-exclusion lock for greenlets: greenhouse's {@code Lock}, the greenlet twin of
 * {@code threading.Lock}. It is not re-entrant (see {@link RLock}).
 *
 * <p>The lock is owned by the greenlet that acquired it, and only the owner may release it. Release hands
 * the lock directly to the greenlet that has waited longest, so {@link #locked()} stays true across the
 * hand-off and no later arrival can barge in.
 * <pre>{@code
 * Lock lock = new Lock();
 * try (Lock.Held held = lock.acquired()) {
 *     // one greenlet at a time in here
 * }
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the lock was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: releasing a lock the caller does not hold throws
 * {@link IllegalStateException} (greenhouse lets any greenlet release it); a blocking, untimed
 * {@code acquire} by the owner throws {@code IllegalStateException} instead of hanging forever; a waiter
 * that is ended or given an exception leaves the queue, and passes the lock on if it had just been handed
 * to it (greenhouse loses the lock); timed acquires exist.
 */
public sealed class Lock extends HubBound permits RLock {
    Greenlet owner;                                              // hub thread only; null when unlocked
    final ArrayDeque<Greenlet> waiters = new ArrayDeque<>();     // hub thread only; FIFO, not yet handed the lock
    private final Held held = this::release;                     // immutable

    /** A held lock (or semaphore permit); {@link #close()} releases it, without checked exceptions. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        /** Releases what was acquired. */
        @Override
        void close();
    }

    /** Creates an unlocked lock on the current thread's hub. */
    public Lock() {
    }

    /**
     * Whether some greenlet holds the lock.
     *
     * @return true if held, by any greenlet
     */
    public boolean locked() {
        checkHub();
        return owner != null;
    }

    /**
     * Whether the current greenlet holds the lock (greenhouse's {@code _is_owned}).
     *
     * @return true if the current greenlet is the owner
     */
    public boolean isHeldByCurrentGreenlet() {
        return owner == checkHub();
    }

    /**
     * Acquires the lock, waiting as long as it takes; always returns true.
     *
     * <p>If the lock is free, takes it and returns at once. Otherwise the current greenlet is descheduled
     * until one of: the owner releases it to this greenlet (waiters are served first come, first served);
     * an exception is scheduled into it (thrown from here, without the lock).
     *
     *
     * @return true
     * @throws IllegalStateException if the current greenlet already holds this non-re-entrant lock
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire() throws SuspendExecution {
        return acquireUntil(checkHub(), HubClock.NEVER);
    }

    /**
     * Acquires the lock if {@code blocking} is false and it is free, or as {@link #acquire()} if
     * {@code blocking} is true.
     *
     *
     * @param blocking whether to wait for the lock if another greenlet holds it
     * @return whether the lock was acquired (always true when blocking)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(boolean blocking) throws SuspendExecution {
        Greenlet me = checkHub();
        return blocking ? acquireUntil(me, HubClock.NEVER) : tryAcquire(me);
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} seconds; a negative timeout waits forever.
     *
     * <p>If the lock is free, takes it and returns true at once. Otherwise the current greenlet is
     * descheduled until one of: the owner releases it to this greenlet; the timeout elapses on the hub's
     * clock; an exception is scheduled into it (thrown from here, without the lock).
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if acquired, false if the time ran out
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
     * @return true if acquired, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return acquireUntil(me, deadline(timeout));
    }

    /**
     * Acquires the lock as {@link #acquire()} and returns a handle whose {@code close()} releases it, for
     * try-with-resources (greenhouse's {@code with lock:}).
     *
     * @return a handle that releases the lock when closed, once
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public Held acquired() throws SuspendExecution {
        acquire();
        return held;
    }

    /**
     * Releases the lock: hands it to the longest-waiting greenlet, which is woken, or unlocks it.
     *
     * @throws IllegalStateException if the current greenlet does not hold the lock
     */
    public void release() {
        Greenlet me = checkHub();
        checkOwner(me, "release");
        releaseOnce();
    }

    // ------------------------------------------------------------------------------------------------
    // Internals shared with RLock and Condition

    /** Takes the lock for {@code me} if that needs no waiting. */
    boolean tryAcquire(Greenlet me) {
        if (owner == null) {
            owner = me;
            return true;
        }
        return false;
    }

    /** Drops one hold of the owner; for a plain lock, that is the lock. */
    void releaseOnce() {
        handOff();
    }

    /** Gives the lock to the first waiter, or unlocks it. */
    final void handOff() {
        Greenlet next = waiters.pollFirst();
        owner = next;
        handedTo(next);
        if (next != null) {
            GreenLockSupport.unpark(next);
        }
    }

    /** Called when the lock changes hands in {@link #handOff()}; {@code next} may be null. */
    void handedTo(Greenlet next) {
    }

    /** Releases every hold of the owner {@code me} (for Condition.await) and returns how many there were. */
    int releaseAll(Greenlet me) {
        handOff();
        return 1;
    }

    /** Sets the owner's hold count after a Condition.await reacquired the lock. */
    void restoreHolds(int holds) {
    }

    final void checkOwner(Greenlet me, String action) {
        if (owner != me) {
            throw new IllegalStateException("cannot " + action + " " + this + ": "
                    + (owner == null ? "it is not locked" : "it is held by " + owner.name() + ", not by " + me.name()));
        }
    }

    /**
     * Acquires for {@code me}, waiting until {@code deadline} (epoch nanoseconds; {@link HubClock#NEVER}: no
     * limit) at the latest; false if the time ran out.
     */
    final boolean acquireUntil(Greenlet me, long deadline) throws SuspendExecution {
        if (tryAcquire(me)) {
            return true;
        }
        if (owner == me && deadline == HubClock.NEVER) {
            throw selfDeadlock(me);
        }
        waiters.addLast(me);
        boolean acquired = false;
        try {
            while (owner != me) {
                if (!ParkSites.parkUntil(this, deadline) && owner != me) {
                    return false;
                }
            }
            acquired = true;
            return true;
        } finally {
            if (!acquired) {
                if (owner == me) {
                    handOff();   // handed to us, but we leave with an exception: pass it on
                } else {
                    waiters.remove(me);
                }
            }
        }
    }

    // Not inlined into acquireUntil: Quasar cannot instrument an indy string concatenation in a
    // suspendable method.
    private IllegalStateException selfDeadlock(Greenlet me) {
        return new IllegalStateException(me.name() + " already holds " + this
                + " and would wait for itself forever: Lock is not re-entrant (use RLock)");
    }

    /** How many greenlets wait; for tests and monitoring. */
    final int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (owner == null ? "unlocked" : "held by " + owner.name())
                + ", waiters=" + waiters.size() + "]";
    }
}
