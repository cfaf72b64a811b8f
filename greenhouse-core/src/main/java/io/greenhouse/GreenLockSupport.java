package io.greenhouse;

import java.util.Objects;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Strand;
import io.greenhouse.internal.backend.ParkSites;

/**
 * Basic greenlet-blocking primitives for writing synchronizers and pollers: the greenlet analogue of
 * {@link java.util.concurrent.locks.LockSupport}. {@code io.greenhouse.util} and {@code greenhouse-io}
 * are built on it.
 *
 * <p>A greenlet {@linkplain #park parks}, and stays off the ready queue until another greenlet or a poller
 * {@linkplain #unpark unparks} it (it then joins the hub's woken queue), its timed park's deadline passes,
 * it is explicitly {@linkplain Scheduler#schedule(Greenlet) scheduled}, or an exception is
 * {@linkplain Scheduler#scheduleException scheduled} into it (then thrown from the park call). Like
 * {@code LockSupport.park}, a park may therefore return without the condition the caller waits for:
 * callers re-check it in a loop. The main greenlet parks by running the loop.
 * <pre>{@code
 * // a one-shot latch
 * while (!open) {
 *     waiters.add(Scheduler.current());
 *     try {
 *         GreenLockSupport.park(this);
 *     } finally {
 *         waiters.remove(Scheduler.current());
 *     }
 * }
 * // opener: open = true; waiters.forEach(GreenLockSupport::unpark);
 * }</pre>
 *
 * <p>Threading: every method MUST be called on the hub's thread.
 */
public final class GreenLockSupport {
    private GreenLockSupport() {
    }

    /**
     * The current greenlet of the calling thread's hub (its main greenlet outside greenlets).
     *
     * @return the running greenlet, or the main greenlet outside greenlets
     */
    public static Greenlet current() {
        return Loop.current().running().greenlet();
    }

    /**
     * Parks the current greenlet until it is unparked, explicitly scheduled, or an exception is scheduled
     * into it.
     *
     *
     * @param blocker what it waits on, shown in deadlock reports
     * @throws IllegalStateException if called from a hook, handler or poller callback (they run in the loop)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void park(Object blocker) throws SuspendExecution {
        // A park call site (see ParkSites): the bookkeeping and the backend's park in this one frame.
        Loop loop = Loop.current();
        Strand s = loop.running();
        loop.beginPark(s, blocker);
        if (s.isMain()) {
            loop.runLoop();
        } else if (ParkSites.QUASAR) {
            Fiber.park();
        } else {
            ParkSites.BACKEND.park();
        }
        loop.endPark(s);
    }

    /**
     * Parks the current greenlet as {@link #park}, or until {@code deadline} (seconds since the epoch on the
     * hub's clock) has passed; {@code Double.POSITIVE_INFINITY} means no time limit.
     *
     *
     * @param blocker what it waits on, shown in deadlock reports
     * @param deadline seconds since the epoch on the hub's clock; not NaN
     * @return false if it returned because the deadline passed, true otherwise
     * @throws IllegalArgumentException if {@code deadline} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static boolean parkUntil(Object blocker, double deadline) throws SuspendExecution {
        if (Double.isNaN(deadline)) {
            throw new IllegalArgumentException("deadline is NaN");
        }
        return ParkSites.parkUntil(blocker, deadline == Double.POSITIVE_INFINITY ? HubClock.NEVER
                : HubClock.epochNanos(deadline));
    }

    /**
     * Parks the current greenlet as {@link #park}, or until {@code seconds} have passed on the hub's clock;
     * a negative value (or infinity) means no time limit.
     *
     *
     * @param blocker what it waits on, shown in deadlock reports
     * @param seconds the most to wait, on the hub's clock; negative or infinite: no limit; not NaN
     * @return false if it returned because the time ran out, true otherwise
     * @throws IllegalArgumentException if {@code seconds} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static boolean parkFor(Object blocker, double seconds) throws SuspendExecution {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds is NaN");
        }
        return ParkSites.parkNanos(blocker, seconds < 0 ? -1 : HubClock.nanos(seconds));
    }

    /**
     * Wakes {@code greenlet} if it is parked: it joins the hub's woken queue, behind greenlets woken
     * earlier. Returns false, and does nothing, if it was not parked (running, already queued, new or dead).
     *
     *
     * @param greenlet the greenlet to wake, of the calling thread's hub
     * @return true if it was parked and is now woken
     * @throws IllegalStateException if {@code greenlet} belongs to another thread's hub
     */
    public static boolean unpark(Greenlet greenlet) {
        Objects.requireNonNull(greenlet, "greenlet");
        Strand s = greenlet.strand();
        s.loop().checkThread();
        return s.wake();
    }

    /**
     * The current time of the calling thread's hub clock, in seconds since the epoch.
     *
     * @return the hub clock's time, in seconds since the epoch
     */
    public static double now() {
        return Loop.current().clock().seconds();
    }
}
