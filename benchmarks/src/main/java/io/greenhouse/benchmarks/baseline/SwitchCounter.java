package io.greenhouse.benchmarks.baseline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the switches of a ring that runs on its own carrier thread, and lets the benchmark thread wait
 * for a given number more.
 *
 * <p>Threading: {@link #increment} only on the (single) carrier thread; the others on any thread.
 */
final class SwitchCounter {
    /** How long the waiting benchmark thread sleeps between looks at the count. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final AtomicLong count = new AtomicLong(); // written by the carrier only, read by the benchmark thread

    /** One more switch. A release store, no fence: there is one writer. */
    void increment() {
        count.lazySet(count.get() + 1);
    }

    long get() {
        return count.get();
    }

    /** Waits until {@code switches} more switches than now have been counted. */
    void awaitMore(long switches) {
        long target = count.get() + switches;
        while (count.get() < target) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Waits until the count reaches {@code value}. */
    void awaitAtLeast(long value) {
        while (count.get() < value) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
