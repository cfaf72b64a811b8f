package io.greenhouse.util;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;

/**
 * The hub a primitive belongs to, and the thread check every public entry point makes.
 *
 * <p>A primitive records the hub of the thread that constructs it; its waiters are greenlets of that hub,
 * so it MUST only be used on that hub's thread, while the hub is open.
 */
abstract class HubBound {
    final Hub hub;   // immutable; the hub of the constructing thread

    HubBound() {
        this.hub = Hub.current();
    }

    /**
     * Checks that the calling thread owns this primitive's hub and that the hub is open, and returns the
     * current greenlet.
     *
     * @throws IllegalStateException from another thread, or after the hub was closed
     */
    final Greenlet checkHub() {
        if (Thread.currentThread() != hub.thread()) {
            throw new IllegalStateException(this + " belongs to the hub of thread " + hub.thread().getName()
                    + " and was used from thread " + Thread.currentThread().getName()
                    + ": a primitive works only on its own hub's thread; hand work over with Hub.execute");
        }
        if (hub.isClosed()) {
            throw new IllegalStateException(this + " belongs to a closed hub (" + hub
                    + "): create primitives after the hub they serve");
        }
        return GreenLockSupport.current();
    }

    /** The absolute deadline on the hub's clock for a timeout in seconds; negative means none. */
    static double deadline(double timeout) {
        if (Double.isNaN(timeout)) {
            throw new IllegalArgumentException("timeout is NaN");
        }
        return timeout < 0 ? Double.POSITIVE_INFINITY : GreenLockSupport.now() + timeout;
    }

    /**
     * Seconds in {@code timeout}, for the {@code Duration} overloads.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    static double seconds(java.time.Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return timeout.getSeconds() + timeout.getNano() / 1e9;
    }

    /** Throws {@code t} unchecked, unwrapped; used to rethrow an exception delivered to a waiter. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
