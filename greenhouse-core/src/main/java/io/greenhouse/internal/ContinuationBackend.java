package io.greenhouse.internal;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;

/**
 * A continuation engine: how a greenlet's body runs, suspends and resumes on its hub's thread.
 *
 * <p>Model: the loop {@linkplain #create creates} one {@link Coroutine} per greenlet, {@linkplain #start starts}
 * it at the greenlet's first turn and {@linkplain #resume resumes} it at each later one. Both calls run the body
 * on the calling thread (the hub's) until it suspends in {@link #park()} or ends, and then return; nothing runs
 * on another thread, and no timer of the engine is used (timeouts are the hub's). What the body threw, if it
 * ended by a throwable, is {@link #failure}.
 *
 * <p>Checks: {@link #unavailabilityReason()} is asked once, when a hub is created (Quasar: is anything
 * instrumenting greenlet code?); {@link #checkSuspension} before every suspension (Quasar: is every frame on the
 * stack instrumented?), so that a program that cannot suspend correctly fails with a message that says why,
 * instead of misbehaving.
 *
 * <p>Selection: one backend per JVM, {@code io.greenhouse.internal.backend.Backends#SELECTED}, chosen by the
 * system property {@code greenhouse.backend}: {@code quasar} (the default) or {@code jdk} (the JDK's own
 * continuations, JDK 21+). The library's park call sites
 * ({@code Scheduler.pause}, {@code GreenLockSupport.park}, {@code io.greenhouse.internal.backend.ParkSites}) do the
 * hub's bookkeeping and then suspend through a {@code static final} switch on that selection: a backend whose
 * cost grows with every frame between the body and its suspension (Quasar) is called there directly, any other
 * through {@link #park()}.
 *
 * <p>Threading: every method runs on the hub's thread that owns the coroutine. Internal: not API.
 */
public interface ContinuationBackend {
    /**
     * The backend's name, the value of {@code greenhouse.backend} that selects it: {@code "quasar"} or
     * {@code "jdk"}.
     *
     * @return the name
     */
    String name();

    /**
     * The self-check: null if greenlet code can run in this JVM, else why not and how to fix it (a hub is not
     * created then, and this is the message of its {@link IllegalStateException}). Quasar: is anything
     * instrumenting greenlet code? JDK: is it 21 or newer, with the export the backend needs?
     *
     * @return null, or the reason and its fix
     */
    String unavailabilityReason();

    /**
     * A new coroutine, not started, that will run {@code body}.
     *
     * @param body the greenlet's body
     * @return the coroutine
     */
    Coroutine create(GreenRunnable body);

    /**
     * Runs the coroutine on this thread from the start of its body until it first parks or ends.
     *
     * @param coroutine a coroutine of this backend, not started
     */
    void start(Coroutine coroutine);

    /**
     * Resumes the parked coroutine on this thread and runs it until it parks again or ends.
     *
     * @param coroutine a parked coroutine of this backend
     */
    void resume(Coroutine coroutine);

    /**
     * Suspends the calling coroutine: {@link #start} or {@link #resume}, whichever ran it, returns; the next
     * {@link #resume} returns from here. Only called from inside a coroutine of this backend, after the hub's
     * bookkeeping of a park or pause. A backend that cannot suspend the coroutine here (a pinned JDK
     * continuation) calls {@link Loop#cancelPark} and throws {@link IllegalStateException} saying why.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    void park() throws SuspendExecution;

    /**
     * What the coroutine's body threw, or null if it returned (or has not ended).
     *
     * @param coroutine a coroutine of this backend
     * @return the throwable, or null
     */
    Throwable failure(Coroutine coroutine);

    /**
     * Where the parked {@code coroutine} is suspended: its frames from the innermost (the park call site) out to
     * its body, for deadlock reports; empty if it is not parked or the backend cannot tell. The coroutine stays
     * parked, exactly where it was. Slow (it may walk or replay the stack): for reports only. By default the
     * backend cannot tell.
     *
     * @param coroutine a coroutine of this backend
     * @return its frames, innermost first, or an empty array
     */
    default StackTraceElement[] stackTrace(Coroutine coroutine) {
        return new StackTraceElement[0];
    }

    /**
     * The body the coroutine runs.
     *
     * @param coroutine a coroutine of this backend
     * @return the body given to {@link #create}
     */
    GreenRunnable body(Coroutine coroutine);

    /**
     * The pre-suspension check, called inside {@code coroutine} just before it parks: throws
     * {@link io.greenhouse.NotInstrumentedException} (with the frame to fix and how) if it could not suspend
     * and resume correctly from here.
     *
     * @param coroutine the calling coroutine
     */
    void checkSuspension(Coroutine coroutine);
}
