package io.greenhouse.internal.backend;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Strand;

/**
 * The library's park call sites: every suspension of a greenlet (a pause, a park, a timed park) goes through
 * one of these methods, which do the hub's bookkeeping and suspend in the same frame.
 *
 * <p>Why here, in one frame: Quasar saves and restores every instrumented frame between a greenlet's body and
 * {@code Fiber.park} at every switch, about 20 ns each on the machines this was measured on (JDK 17,
 * {@code SuspendableFrameBenchmark}); the frame that calls {@code Fiber.park} is always instrumented, and a
 * plain forwarding method (one suspendable call and nothing before it) is not. So the public entry points
 * ({@code Scheduler.pause}, {@code GreenLockSupport.park}) only forward here, the bookkeeping and the
 * suspension share this frame, and primitives and greenhouse-io call these methods directly.
 *
 * <p>Backend selection is a {@code static final} switch: with Quasar ({@link Backends#SELECTED}), {@code
 * Fiber.park} is called right here; any other backend is called through {@link ContinuationBackend#park()}. The
 * main greenlet (a plain thread) parks by running the hub's loop instead.
 *
 * <p>The four methods repeat one shape on purpose: a helper shared between them would be one more frame.
 * Each returns when the greenlet is resumed and throws the exception scheduled into it, if any.
 * Threading: the calling thread's hub; internal: not API.
 */
public final class ParkSites {
    private static final ContinuationBackend BACKEND = Backends.SELECTED;
    /** The static switch: Quasar runs greenlets, and its park is called from these frames. */
    private static final boolean QUASAR = BACKEND instanceof QuasarBackend;

    private ParkSites() {
    }

    /** The current greenlet goes to the back of the queue: greenhouse's {@code pause()}. */
    public static void pause() throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        loop.beginPause(s);
        if (s.isMain()) {
            loop.runLoop();
        } else if (QUASAR) {
            Fiber.park();
        } else {
            BACKEND.park();
        }
        loop.endPark(s);
    }

    /** Parks the current greenlet on {@code blocker} until it is woken, scheduled, or given an exception. */
    public static void park(Object blocker) throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        loop.beginPark(s, blocker);
        if (s.isMain()) {
            loop.runLoop();
        } else if (QUASAR) {
            Fiber.park();
        } else {
            BACKEND.park();
        }
        loop.endPark(s);
    }

    /**
     * Parks as {@link #park}, or until {@code deadline} (hub clock, epoch nanoseconds) has passed;
     * {@link HubClock#NEVER} sets no timer.
     *
     * @return false if it returned because the deadline passed, true otherwise
     */
    public static boolean parkUntil(Object blocker, long deadline) throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        loop.beginTimedPark(s, blocker, deadline);
        if (s.isMain()) {
            loop.runLoop();
        } else if (QUASAR) {
            Fiber.park();
        } else {
            BACKEND.park();
        }
        return loop.endTimedPark(s);
    }

    /**
     * Parks as {@link #park}, or until {@code timeout} nanoseconds of the hub's clock have passed; a negative
     * timeout means no limit.
     *
     * @return false if it returned because the time ran out, true otherwise
     */
    public static boolean parkNanos(Object blocker, long timeout) throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        loop.beginTimedPark(s, blocker, timeout < 0 ? HubClock.NEVER : loop.clock().deadlineAfterNanos(timeout));
        if (s.isMain()) {
            loop.runLoop();
        } else if (QUASAR) {
            Fiber.park();
        } else {
            BACKEND.park();
        }
        return loop.endTimedPark(s);
    }
}
