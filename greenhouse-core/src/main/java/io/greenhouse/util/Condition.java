package io.greenhouse.util;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Sneaky;
import io.greenhouse.internal.backend.ParkSites;

/**
 * A condition variable for greenlets: greenhouse's {@code Condition}, the greenlet twin of
 * {@code threading.Condition} and of {@link java.util.concurrent.locks.Condition}.
 *
 * <p>A condition is bound to a {@link Lock} (by default a new {@link RLock}). A greenlet holding the lock
 * calls {@link #await()}, which releases the lock, waits for a {@link #signal()}, and takes the lock back
 * before returning. {@code signal} and {@code signalAll} also require the lock. The condition can be used
 * as its lock ({@link #acquire()}, {@link #release()}, {@link #acquired()}).
 * <pre>{@code
 * Condition changed = new Condition();
 * try (Lock.Held held = changed.acquired()) {
 *     while (!ready) {
 *         changed.await();
 *     }
 * }
 * // elsewhere, holding the lock: ready = true; changed.signalAll();
 * }</pre>
 *
 * <p>Waiters are signalled in the order they began waiting. A woken waiter then queues for the lock like
 * any other greenlet. As with every condition variable, check the awaited state in a loop.
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the condition was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: {@code await} releases every hold of an {@link RLock} and restores the
 * count (greenhouse releases one, so a re-entered lock could never be signalled); timed {@code await}
 * returns true when signalled and false when the time ran out (greenhouse returns the opposite); the
 * condition works as its lock, try-with-resources included (greenhouse's {@code with cond:} fails);
 * {@code notify}/{@code notify_all} are spelled {@code signal}/{@code signalAll}; an exception scheduled
 * into a waiter is thrown only after it has taken the lock back, and if it had just been signalled, the
 * signal goes to the next waiter.
 */
public final class Condition extends HubBound {
    private final Lock lock;                                    // immutable
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(); // hub thread only; FIFO, not yet signalled

    private static final class Waiter {
        final Greenlet greenlet;   // immutable
        boolean signalled;         // hub thread only

        Waiter(Greenlet greenlet) {
            this.greenlet = greenlet;
        }
    }

    /** Creates a condition with a new {@link RLock}, on the current thread's hub. */
    public Condition() {
        this(new RLock());
    }

    /**
     * Creates a condition bound to {@code lock}.
     *
     *
     * @param lock the lock that callers hold around {@link #await()} and {@code signal}; of the current thread's hub
     * @throws IllegalArgumentException if {@code lock} belongs to another hub
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        if (lock.loop != loop) {
            throw new IllegalArgumentException(lock + " belongs to another hub than the current thread's");
        }
    }

    /**
     * The lock this condition is bound to.
     *
     * @return the lock given to the constructor, or the {@link RLock} made for it
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Acquires the lock: {@link Lock#acquire()}.
     *
     * @return true, as {@link Lock#acquire()}
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire() throws SuspendExecution {
        return lock.acquire();
    }

    /**
     * Acquires the lock: {@link Lock#acquire(boolean)}.
     *
     * @param blocking whether to wait if another greenlet holds the lock
     * @return whether the lock was acquired
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(boolean blocking) throws SuspendExecution {
        return lock.acquire(blocking);
    }

    /**
     * Acquires the lock: {@link Lock#acquire(double)}.
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if acquired, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean acquire(double timeout) throws SuspendExecution {
        return lock.acquire(timeout);
    }

    /**
     * Acquires the lock for try-with-resources: {@link Lock#acquired()}.
     *
     * @return a handle that releases the lock when closed
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public Lock.Held acquired() throws SuspendExecution {
        return lock.acquired();
    }

    /** Releases the lock: {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /**
     * Releases the lock, waits to be signalled, and takes the lock back.
     *
     * <p>The current greenlet releases the lock (every hold of an {@link RLock}) and is descheduled until
     * one of: another greenlet signals it ({@link #signal()} wakes waiters first come, first served); an
     * exception is scheduled into it. In both cases it takes the lock back (waiting for it as long as it
     * takes) and restores its hold count before returning or throwing.
     *
     *
     * @throws IllegalStateException if the current greenlet does not hold the lock
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void await() throws SuspendExecution {
        Greenlet me = checkHub();
        checkOwned(me, "await on");
        awaitUntil(me, HubClock.NEVER);
    }

    /**
     * As {@link #await()}, but waits at most {@code timeout} seconds to be signalled (negative: forever),
     * the timeout elapsing on the hub's clock. The lock is taken back in every case.
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if signalled, false if the time ran out (greenhouse returns the opposite)
     * @throws IllegalStateException if the current greenlet does not hold the lock
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        checkOwned(me, "await on");
        return awaitUntil(me, deadline(timeout));
    }

    /**
     * As {@link #await(double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return true if signalled, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean await(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        checkOwned(me, "await on");
        return awaitUntil(me, deadline(timeout));
    }

    private boolean awaitUntil(Greenlet me, long deadline) throws SuspendExecution {
        Waiter w = new Waiter(me);
        waiters.addLast(w);
        int holds = lock.releaseAll(me);
        boolean returning = false;
        try {
            while (!w.signalled) {
                if (!ParkSites.parkUntil(this, deadline)) {
                    break;
                }
            }
            returning = true;
            return w.signalled;
        } finally {
            if (!w.signalled) {
                waiters.remove(w);
            } else if (!returning) {
                signalFirst();   // leaving with an exception: the signal goes to the next waiter
            }
            reacquire(me, holds);
        }
    }

    /**
     * Wakes the greenlet that has waited longest, if any.
     *
     * @throws IllegalStateException if the current greenlet does not hold the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes the {@code n} greenlets that have waited longest (all of them if fewer wait).
     *
     *
     * @param n how many waiters to wake; 0 wakes none
     * @throws IllegalStateException if the current greenlet does not hold the lock
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        Greenlet me = checkHub();
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        checkOwned(me, "signal");
        for (int i = 0; i < n; i++) {
            if (!signalFirst()) {
                break;
            }
        }
    }

    /**
     * Wakes every waiting greenlet, in the order they began waiting.
     *
     * @throws IllegalStateException if the current greenlet does not hold the lock
     */
    public void signalAll() {
        Greenlet me = checkHub();
        checkOwned(me, "signal");
        boolean more;
        do {
            more = signalFirst();
        } while (more);
    }

    private boolean signalFirst() {
        Waiter w = waiters.pollFirst();
        if (w == null) {
            return false;
        }
        w.signalled = true;
        GreenLockSupport.unpark(w.greenlet);
        return true;
    }

    /** Takes the lock back whatever is thrown meanwhile, then rethrows the first exception, if any. */
    private void reacquire(Greenlet me, int holds) throws SuspendExecution {
        Throwable pending = null;
        for (;;) {
            try {
                lock.acquireUntil(me, HubClock.NEVER);
                break;
            } catch (Throwable t) {
                if (pending == null) {
                    pending = t;
                } else if (pending != t) {
                    pending.addSuppressed(t);
                }
            }
        }
        lock.restoreHolds(holds);
        if (pending != null) {
            throw Sneaky.rethrow(pending);
        }
    }

    private void checkOwned(Greenlet me, String action) {
        if (lock.owner != me) {
            throw new IllegalStateException("cannot " + action + " " + this + " without holding its lock ("
                    + lock + ")");
        }
    }

    /** How many greenlets wait to be signalled; for tests. */
    int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Condition[waiters=" + waiters.size() + "]";
    }
}
