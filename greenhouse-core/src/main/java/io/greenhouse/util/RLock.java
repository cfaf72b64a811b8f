package io.greenhouse.util;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;

/**
 * A re-entrant lock for greenlets: greenhouse's {@code RLock}, the greenlet twin of
 * {@code threading.RLock}.
 *
 * <p>The owning greenlet may acquire it again without waiting; it is released when the owner has released
 * it as many times as it acquired it. Then it is handed to the longest-waiting greenlet, as {@link Lock}
 * does.
 * <pre>{@code
 * RLock lock = new RLock();
 * try (Lock.Held outer = lock.acquired(); Lock.Held inner = lock.acquired()) {
 *     // still one greenlet at a time
 * }
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the lock was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: as for {@link Lock} (waiters that leave with an exception pass the lock
 * on); {@link Condition#await()} releases every hold and restores the count (greenhouse releases one).
 */
public final class RLock extends Lock {
    private int holds;   // hub thread only; how many times the owner holds it; 0 when unlocked

    /** Creates an unlocked re-entrant lock on the current thread's hub. */
    public RLock() {
    }

    /**
     * Acquires the lock, waiting as long as it takes; always returns true. The owner acquires it again at
     * once.
     *
     * <p>If the lock is free or held by the current greenlet, returns at once. Otherwise the current
     * greenlet is descheduled until one of: the owner releases it to this greenlet (first come, first
     * served); an exception is scheduled into it (thrown from here, without the lock).
     */
    @Override
    public boolean acquire() throws SuspendExecution {
        return super.acquire();
    }

    /**
     * Releases one hold; the last one hands the lock to the longest-waiting greenlet, or unlocks it.
     *
     * @throws IllegalStateException if the current greenlet does not hold the lock
     */
    @Override
    public void release() {
        super.release();
    }

    /**
     * How many times the current greenlet holds the lock; 0 if it does not hold it.
     *
     * @return the current greenlet's hold count
     */
    public int holdCount() {
        return owner == checkHub() ? holds : 0;
    }

    @Override
    boolean tryAcquire(Greenlet me) {
        if (owner == me) {
            holds++;
            return true;
        }
        if (owner == null) {
            owner = me;
            holds = 1;
            return true;
        }
        return false;
    }

    @Override
    void releaseOnce() {
        if (--holds == 0) {
            handOff();
        }
    }

    @Override
    void handedTo(Greenlet next) {
        holds = next == null ? 0 : 1;
    }

    @Override
    int releaseAll(Greenlet me) {
        int had = holds;
        handOff();
        return had;
    }

    @Override
    void restoreHolds(int count) {
        holds = count;
    }
}
