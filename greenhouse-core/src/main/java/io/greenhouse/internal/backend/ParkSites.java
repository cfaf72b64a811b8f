package io.greenhouse.internal.backend;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Parks;
import io.greenhouse.internal.Strand;
import io.greenhouse.internal.Turns;

/**
 * The library's timed park call sites, and the {@code static final} backend switch that every park call site
 * uses. Every suspension of a greenlet goes through a method that does the hub's bookkeeping and suspends in
 * the same frame: {@code Scheduler.pause()} and {@code GreenLockSupport.park(Object)} (the untimed ones, which
 * user code calls directly), and {@link #parkUntil} and {@link #parkNanos} here (the timed ones, which the
 * public timed calls, the primitives and greenhouse-io call).
 *
 * <p>Why one frame: Quasar suspends by throwing through, and resumes by re-entering, every frame between a
 * greenlet's body and {@code Fiber.yield}, and each frame costs every switch: about 70 ns per instrumented
 * frame (JDK 17, {@code SuspendableFrameBenchmark}: 100 greenlets pausing through 10 extra frames took 887 ns
 * per switch against 178 ns through none). A frame that only forwards to another costs about as much, though
 * Quasar leaves it uninstrumented (C2 does not inline it): a {@code Scheduler.pause} that forwarded here made
 * the pause ring of {@code PauseRoundTripBenchmark} twice as slow (1,001 members: 200 ns per switch against
 * 95). So the two untimed entry points call {@code Fiber.yield} themselves, behind {@link #QUASAR}: the only
 * calls into Quasar outside this package.
 *
 * <p>Backend selection is that {@code static final} switch: with Quasar ({@link Backends#SELECTED}),
 * {@code Fiber.yield} is called at the call site; any other backend (the JDK's continuations, whose switch cost
 * does not depend on the frames in between) is called through {@link ContinuationBackend#park()}, which the JIT
 * binds to the one backend of the JVM. The main greenlet (a plain thread) parks by running the hub's loop
 * instead. The call sites repeat one shape on purpose: a helper shared between them would be a frame.
 *
 * <p>Each method returns when the greenlet is resumed and throws the exception scheduled into it, if any.
 * Threading: the calling thread's hub; internal: not API.
 */
public final class ParkSites {
    /** The backend of this JVM, for the call sites' switch. */
    public static final ContinuationBackend BACKEND = Backends.SELECTED;
    /** The static switch: Quasar runs greenlets, and the call sites call {@code Fiber.yield} themselves. */
    public static final boolean QUASAR = BACKEND instanceof QuasarBackend;

    private ParkSites() {
    }

    /**
     * Parks as {@link io.greenhouse.GreenLockSupport#park}, or until {@code deadline} (hub clock, epoch nanoseconds) has passed;
     * {@link HubClock#NEVER} sets no timer.
     *
     *
     * @param blocker what the greenlet waits on, for deadlock reports
     * @param deadline when the park ends at the latest, in nanoseconds since the epoch on the hub's clock
     * @return false if it returned because the deadline passed, true otherwise
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static boolean parkUntil(Object blocker, long deadline) throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        Parks.beginTimedPark(loop, s, blocker, deadline);
        if (s.isMain()) {
            Turns.runLoop(loop);
        } else if (QUASAR) {
            Fiber.yield();
        } else {
            BACKEND.park();
        }
        return Parks.endTimedPark(loop, s);
    }

    /**
     * Parks as {@link io.greenhouse.GreenLockSupport#park}, or until {@code timeout} nanoseconds of the hub's clock have passed; a negative
     * timeout means no limit.
     *
     *
     * @param blocker what the greenlet waits on, for deadlock reports
     * @param timeout the most to wait, in nanoseconds of the hub's clock; negative: no limit
     * @return false if it returned because the time ran out, true otherwise
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static boolean parkNanos(Object blocker, long timeout) throws SuspendExecution {
        Loop loop = Loop.current();
        Strand s = loop.running();
        Parks.beginTimedPark(loop, s, blocker, timeout < 0 ? HubClock.NEVER : loop.clock().deadlineAfterNanos(timeout));
        if (s.isMain()) {
            Turns.runLoop(loop);
        } else if (QUASAR) {
            Fiber.yield();
        } else {
            BACKEND.park();
        }
        return Parks.endTimedPark(loop, s);
    }
}
