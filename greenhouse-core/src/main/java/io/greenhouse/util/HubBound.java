package io.greenhouse.util;

import java.time.Duration;

import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.ThreadCheck;

/**
 * The hub a primitive belongs to, the check every public entry point makes, and the conversion of the API's
 * timeouts to deadlines in nanoseconds.
 *
 * <p>A primitive records the hub of the thread that constructs it; its waiters are greenlets of that hub,
 * so it MUST only be used on that hub's thread, while the hub is open.
 */
abstract class HubBound {
    final Loop loop;   // immutable; the engine of the constructing thread's hub

    HubBound() {
        this.loop = Loop.current();
    }

    /**
     * Checks that the calling thread owns this primitive's hub and that the hub is open, and returns the
     * current greenlet.
     *
     * @throws IllegalStateException from another thread, or after the hub was closed
     */
    final Greenlet checkHub() {
        ThreadCheck.check(loop.thread(), this);
        if (loop.isClosed()) {
            throw new IllegalStateException(this + " belongs to a closed hub (" + loop
                    + "): create primitives after the hub they serve");
        }
        return loop.running().greenlet();
    }

    /**
     * The deadline (hub clock, epoch nanoseconds) of a timeout in seconds; a negative timeout means none
     * ({@link HubClock#NEVER}).
     *
     * @throws IllegalArgumentException if {@code timeout} is NaN
     */
    final long deadline(double timeout) {
        if (Double.isNaN(timeout)) {
            throw new IllegalArgumentException("timeout is NaN");
        }
        return timeout < 0 ? HubClock.NEVER : loop.clock().deadlineAfter(timeout);
    }

    /**
     * The deadline of a timeout given as a duration, for the {@code Duration} overloads.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    final long deadline(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return loop.clock().deadlineAfterNanos(HubClock.nanos(timeout));
    }
}
