package io.greenhouse;

import static io.greenhouse.HubArgs.checkTime;
import static io.greenhouse.HubArgs.own;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.backend.ParkSites;

/**
 * Greenhouse's {@code greenhouse.scheduler} in Java: schedule greenlets, pause, set timers, deliver
 * exceptions, end greenlets, and watch the loop with hooks and exception handlers.
 *
 * <p>All methods are static and act on the calling thread's {@link Hub} (created on first use). From a
 * greenlet, the blocking calls ({@code pause*}) suspend it; from the main greenlet (a plain thread) they
 * run the hub's loop on that thread until the main greenlet's turn comes back, which is how greenhouse
 * programs and tests are written:
 * <pre>{@code
 * List<Integer> order = new ArrayList<>();
 * Scheduler.schedule(() -> order.add(1));
 * Scheduler.schedule(() -> order.add(2));
 * Scheduler.pause();            // runs both, in order
 * assert order.equals(List.of(1, 2));
 * }</pre>
 *
 * <p>Order is greenhouse's (see {@link Hub}): a greenlet {@code schedule}d or {@code pause}d while a batch
 * runs waits for the whole batch; greenlets woken by I/O or primitives come first at each refill, then
 * due timers, then scheduled and paused greenlets.
 *
 * <p>Scheduled work runs only inside the hub's thread's blocking calls. A thread that schedules greenlets and
 * then never blocks in this API (it returns, or it only computes) runs none of them: they wait for its next
 * {@code pause}, {@code join} or other blocking call, or are ended when its hub closes. Work for a hub that
 * another thread drives goes through {@link Hub#execute(Runnable)}, never through these methods, which act
 * on the calling thread's own hub.
 *
 * <p>Besides what each method documents, a blocking call of the main greenlet ends with
 * {@link DeadlockException} if nothing can ever wake the hub, with {@link HubInterruptedException} if the
 * hub's thread is interrupted, and on a {@linkplain Hub#setFailFast(boolean) fail-fast} hub with the first
 * greenlet failure no handler took (see {@link Hub}).
 *
 * <p>Handlers and hooks are held by weak reference, as greenhouse documents: keep the returned object
 * reachable for as long as it should run. Every registering call returns its argument.
 *
 * <p>Errors: a null argument throws {@link NullPointerException}; a greenlet of another thread's hub
 * throws {@link IllegalStateException}. Threading: every method acts on, and MUST be called by, the
 * thread that owns the hub.
 */
public final class Scheduler {
    private static final String PAUSE_FOR = "pauseFor";
    private static final String PAUSE_UNTIL = "pauseUntil";

    private Scheduler() {
    }

    // ------------------------------------------------------------------------------------------------
    // Current state

    /**
     * The running greenlet: inside a greenlet that greenlet, on a plain thread its main greenlet.
     *
     * @return the greenlet whose turn it is, or the calling thread's main greenlet outside greenlets
     */
    public static Greenlet current() {
        return Loop.current().running().greenlet();
    }

    /**
     * The calling thread's main greenlet.
     *
     * @return the main greenlet of the calling thread's hub
     */
    public static Greenlet mainGreenlet() {
        return Loop.current().main().greenlet();
    }

    /**
     * The hub clock's time, in seconds since the Unix epoch.
     *
     * @return the time on the hub's clock, in seconds since 1970-01-01T00:00:00Z
     */
    public static double time() {
        return Loop.current().clock().seconds();
    }

    /**
     * The clock of the calling thread's hub.
     *
     * @return the clock that every timer of the calling thread's hub reads
     */
    public static Clock clock() {
        return Loop.current().clock().clock();
    }

    // ------------------------------------------------------------------------------------------------
    // Pausing

    /**
     * Lets every other runnable greenlet run, then resumes: the current greenlet goes to the back of the
     * queue, and runs again after at least one poll. From the main greenlet, this runs the loop.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void pause() throws SuspendExecution {
        // A park call site (see ParkSites): the bookkeeping and the backend's park in this one frame, and no
        // local variable lives across the park, so that Quasar saves nothing for this frame. Instrumented callers
        // do not call this method: the instrumentation inlines this body into them (ParkSiteInliner), so that no
        // separately compiled frame lies between the caller and the suspension.
        if (Loop.pauseCurrent()) {
            if (ParkSites.QUASAR) {
                Fiber.yield();
            } else {
                ParkSites.BACKEND.park();
            }
            Loop.endParkOfCurrent();
        }
    }

    /**
     * Pauses until {@code unixtime} (seconds since the epoch, hub clock). Returns at the first refill at or
     * after that time, never before; earlier if the greenlet is explicitly scheduled meanwhile.
     *
     * @param unixtime when to return, in seconds since the epoch on the hub's clock; a time already past returns at the
     *         next refill; not NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void pauseUntil(double unixtime) throws SuspendExecution {
        checkTime(unixtime, "unixtime");
        ParkSites.parkUntil(PAUSE_UNTIL, HubClock.epochNanos(unixtime));
    }

    /**
     * As {@link #pauseUntil(double)}.
     *
     * @param instant when to return, on the hub's clock; an instant already past returns at the next refill
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void pauseUntil(Instant instant) throws SuspendExecution {
        ParkSites.parkUntil(PAUSE_UNTIL, HubClock.epochNanos(Objects.requireNonNull(instant, "instant")));
    }

    /**
     * Pauses for {@code secs} seconds of the hub's clock, at least: returns at the first refill at or after
     * that time (earlier if the greenlet is explicitly scheduled meanwhile, or given an exception).
     *
     * <p>Zero or a negative value (such as {@code pauseFor(-1)}) does not wait: it is a timer that is already
     * due, so the greenlet runs again at the next refill, in the due timers' place (after greenlets woken by
     * I/O or primitives, before greenlets paused in the same batch), as greenhouse's {@code pause_for(-1)}
     * does. A negative value never means "forever" here, unlike the timeouts of {@code io.greenhouse.util} and
     * {@link GreenLockSupport#parkFor}. An infinite value (or one too large for the clock) sets no timer: only
     * another greenlet can end the pause, and from the main greenlet with nothing else able to wake the hub it
     * throws {@link DeadlockException} at once instead of hanging.
     *
     * @param secs seconds to pause; not NaN
     * @throws IllegalArgumentException if {@code secs} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void pauseFor(double secs) throws SuspendExecution {
        checkTime(secs, "secs");
        ParkSites.parkUntil(PAUSE_FOR, Loop.current().clock().deadlineAfter(secs));
    }

    /**
     * As {@link #pauseFor(double)}.
     *
     * @param duration how long to pause, on the hub's clock; zero or negative returns at the next refill
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static void pauseFor(Duration duration) throws SuspendExecution {
        long nanos = HubClock.nanos(Objects.requireNonNull(duration, "duration"));
        ParkSites.parkUntil(PAUSE_FOR, Loop.current().clock().deadlineAfterNanos(nanos));
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduling

    /**
     * Creates a greenlet running {@code func}, without scheduling it; its parent is the hub's loop.
     *
     * @param func the greenlet's body
     * @return the new greenlet, not scheduled: pass it to {@link #schedule(Greenlet)} or another scheduling call
     */
    public static Greenlet greenlet(GreenRunnable func) {
        return Scheduling.greenlet(func);
    }

    /**
     * Schedules a new greenlet running {@code target} at the next refill, and returns it.
     *
     * @param target the greenlet's body
     * @return the new greenlet, already scheduled
     */
    public static Greenlet schedule(GreenRunnable target) {
        return Scheduling.schedule(target);
    }

    /**
     * Schedules {@code target} to run at the next refill and returns it: a new greenlet starts; a blocked
     * one wakes early (as greenhouse's duplicate queue entry does); the running one yields at its next
     * blocking call; a queued or dead one is left as it is.
     *
     * @param target the greenlet to act on; it must belong to the calling thread's hub
     * @return {@code target}
     */
    public static Greenlet schedule(Greenlet target) {
        return Scheduling.schedule(target);
    }

    /**
     * Schedules a new greenlet running {@code target} at {@code unixtime}, and returns it.
     *
     * @param unixtime when it becomes runnable, in seconds since the epoch on the hub's clock; not NaN
     * @param target the greenlet's body
     * @return the new greenlet
     */
    public static Greenlet scheduleAt(double unixtime, GreenRunnable target) {
        return Scheduling.scheduleAt(unixtime, target);
    }

    /**
     * Makes {@code target} runnable at {@code unixtime}, as {@link #schedule(Greenlet)} would then.
     *
     * @param unixtime when it becomes runnable, in seconds since the epoch on the hub's clock; not NaN
     * @param target the greenlet to act on; it must belong to the calling thread's hub
     * @return {@code target}
     */
    public static Greenlet scheduleAt(double unixtime, Greenlet target) {
        return Scheduling.scheduleAt(unixtime, target);
    }

    /**
     * As {@link #scheduleAt(double, GreenRunnable)}.
     *
     * @param instant when it becomes runnable, on the hub's clock
     * @param target the greenlet's body
     * @return the new greenlet
     */
    public static Greenlet scheduleAt(Instant instant, GreenRunnable target) {
        return Scheduling.scheduleAt(instant, target);
    }

    /**
     * As {@link #scheduleAt(double, Greenlet)}.
     *
     * @param instant when it becomes runnable, on the hub's clock
     * @param target the greenlet to act on; it must belong to the calling thread's hub
     * @return {@code target}
     */
    public static Greenlet scheduleAt(Instant instant, Greenlet target) {
        return Scheduling.scheduleAt(instant, target);
    }

    /**
     * Schedules a new greenlet running {@code target} in {@code secs} seconds, and returns it.
     *
     * @param secs how many seconds from now, on the hub's clock; zero or negative means at the next refill; not NaN
     * @param target the greenlet's body
     * @return the new greenlet
     */
    public static Greenlet scheduleIn(double secs, GreenRunnable target) {
        return Scheduling.scheduleIn(secs, target);
    }

    /**
     * Makes {@code target} runnable in {@code secs} seconds.
     *
     * @param secs how many seconds from now, on the hub's clock; zero or negative means at the next refill; not NaN
     * @param target the greenlet to act on; it must belong to the calling thread's hub
     * @return {@code target}
     */
    public static Greenlet scheduleIn(double secs, Greenlet target) {
        return Scheduling.scheduleIn(secs, target);
    }

    /**
     * As {@link #scheduleIn(double, GreenRunnable)}.
     *
     * @param delay how long from now, on the hub's clock; zero or negative means at the next refill
     * @param target the greenlet's body
     * @return the new greenlet
     */
    public static Greenlet scheduleIn(Duration delay, GreenRunnable target) {
        return Scheduling.scheduleIn(delay, target);
    }

    /**
     * As {@link #scheduleIn(double, Greenlet)}.
     *
     * @param delay how long from now, on the hub's clock; zero or negative means at the next refill
     * @param target the greenlet to act on; it must belong to the calling thread's hub
     * @return {@code target}
     */
    public static Greenlet scheduleIn(Duration delay, Greenlet target) {
        return Scheduling.scheduleIn(delay, target);
    }

    /**
     * Runs {@code target} every {@code interval} seconds, forever, starting one interval from now.
     *
     * @param interval seconds between runs, finite and not negative
     * @param target the body each run executes, in a greenlet of its own
     * @return the handle that counts the runs and cancels the ones to come
     */
    public static Recurring scheduleRecurring(double interval, GreenRunnable target) {
        return scheduleRecurring(interval, target, 0, 0);
    }

    /**
     * Runs {@code target}, each time in a new greenlet, at {@code startingAt + k * interval} for
     * k = 1, 2, ... up to {@code maxtimes} runs (see {@link Recurring}).
     *
     *
     * @param interval   seconds between runs, not negative
     * @param target the body each run executes, in a greenlet of its own
     * @param maxtimes   how many runs; 0 = unbounded
     * @param startingAt seconds since the epoch; 0 = now
     * @return the handle that counts the runs and cancels the ones to come
     * @throws IllegalArgumentException for a negative or NaN interval, or a negative maxtimes
     */
    public static Recurring scheduleRecurring(double interval, GreenRunnable target, int maxtimes,
                                              double startingAt) {
        return Scheduling.scheduleRecurring(interval, target, maxtimes, startingAt);
    }

    /**
     * Runs the body of {@code target} every {@code interval} seconds, each time in a new greenlet.
     *
     * @param interval seconds between runs, finite and not negative
     * @param target the greenlet whose body each run executes (it never runs itself); not dead
     * @return the handle that counts the runs and cancels the ones to come
     */
    public static Recurring scheduleRecurring(double interval, Greenlet target) {
        return scheduleRecurring(interval, target, 0, 0);
    }

    /**
     * Runs the body of {@code target}, each time in a new greenlet, as
     * {@link #scheduleRecurring(double, GreenRunnable, int, double)}; {@code target} itself never runs.
     *
     *
     * @param interval seconds between runs, finite and not negative
     * @param target the greenlet whose body each run executes (it never runs itself); not dead
     * @param maxtimes how many runs; 0 = unbounded
     * @param startingAt seconds since the epoch the intervals count from; 0 = now
     * @return the handle that counts the runs and cancels the ones to come
     * @throws IllegalArgumentException if {@code target} is dead or is a main greenlet, or for a bad interval
     *         or maxtimes
     */
    public static Recurring scheduleRecurring(double interval, Greenlet target, int maxtimes, double startingAt) {
        return Scheduling.scheduleRecurring(interval, target, maxtimes, startingAt);
    }

    // ------------------------------------------------------------------------------------------------
    // Exceptions and ending

    /**
     * Schedules {@code target} and makes it throw {@code exception}, the same instance, unwrapped, from the
     * call it is suspended in (at once if it has not started: it then dies without running its body, and
     * the exception goes to the handlers). Scheduled into the running greenlet, it is thrown at its next
     * blocking call.
     *
     *
     * @param exception what {@code target} throws, as it is
     * @param target the greenlet that throws it; alive, of the calling thread's hub
     * @throws IllegalArgumentException if {@code target} is dead
     */
    public static void scheduleException(Throwable exception, Greenlet target) {
        Scheduling.scheduleException(exception, target);
    }

    /**
     * As {@link #scheduleException}, with the greenlet made runnable at {@code unixtime}. The exception is
     * attached at once: if the greenlet runs earlier for another reason, it gets it then.
     *
     * @param unixtime when {@code target} becomes runnable, in seconds since the epoch on the hub's clock; not NaN
     * @param exception what {@code target} throws, as it is
     * @param target the greenlet that throws it; alive, of the calling thread's hub
     */
    public static void scheduleExceptionAt(double unixtime, Throwable exception, Greenlet target) {
        Scheduling.scheduleExceptionAt(unixtime, exception, target);
    }

    /**
     * As {@link #scheduleExceptionAt}, {@code secs} seconds from now.
     *
     * @param secs how many seconds from now {@code target} becomes runnable; not NaN
     * @param exception what {@code target} throws, as it is
     * @param target the greenlet that throws it; alive, of the calling thread's hub
     */
    public static void scheduleExceptionIn(double secs, Throwable exception, Greenlet target) {
        Scheduling.scheduleExceptionIn(secs, exception, target);
    }


    /**
     * Ends {@code target}: {@link GreenletExit} is thrown into it at its next turn (its {@code finally}
     * blocks run). A greenlet that never started dies without running its body; ending a dead greenlet
     * does nothing.
     *
     * @param target the greenlet to end, of the calling thread's hub
     */
    public static void end(Greenlet target) {
        own(target, "target").end();
    }

    // ------------------------------------------------------------------------------------------------
    // Exception handlers

    /**
     * Registers {@code handler} for exceptions of every greenlet of this hub; returns it.
     *
     * @param handler called with the greenlet and the throwable; held weakly
     * @return {@code handler}, to keep it reachable
     */
    public static ExceptionHandler globalExceptionHandler(ExceptionHandler handler) {
        return Registrations.addGlobalHandler(handler);
    }

    /**
     * Removes a global handler; returns whether it was registered.
     *
     * @param handler the handler to remove
     * @return true if it was registered
     */
    public static boolean removeGlobalExceptionHandler(ExceptionHandler handler) {
        return Registrations.removeGlobalHandler(handler);
    }

    /**
     * Registers {@code handler} for exceptions of the current greenlet; returns it.
     *
     * @param handler called with the greenlet and the throwable; held weakly
     * @return {@code handler}, to keep it reachable
     */
    public static ExceptionHandler localExceptionHandler(ExceptionHandler handler) {
        return localExceptionHandler(handler, current());
    }

    /**
     * Registers {@code handler} for exceptions of {@code coro}; returns it.
     *
     * @param handler called with the greenlet and the throwable; held weakly
     * @param coro the greenlet whose failures it takes, of the calling thread's hub
     * @return {@code handler}, to keep it reachable
     */
    public static ExceptionHandler localExceptionHandler(ExceptionHandler handler, Greenlet coro) {
        return Registrations.addLocalHandler(handler, coro);
    }

    /**
     * Removes a local handler of the current greenlet; returns whether it was registered.
     *
     * @param handler the handler to remove
     * @return true if it was registered
     */
    public static boolean removeLocalExceptionHandler(ExceptionHandler handler) {
        return removeLocalExceptionHandler(handler, current());
    }

    /**
     * Removes a local handler of {@code coro}; returns whether it was registered.
     *
     * @param handler the handler to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    public static boolean removeLocalExceptionHandler(ExceptionHandler handler, Greenlet coro) {
        return Registrations.removeLocalHandler(handler, coro);
    }

    /**
     * Passes {@code exc} to the current greenlet's local handlers, then to the global ones.
     *
     * @param exc the throwable to hand to the handlers
     */
    public static void handleException(Throwable exc) {
        handleException(exc, current());
    }

    /**
     * Passes {@code exc} to {@code coro}'s local handlers, then to the global ones.
     *
     * @param exc the throwable to hand to the handlers
     * @param coro the greenlet whose local handlers run and that every handler is given
     */
    public static void handleException(Throwable exc, Greenlet coro) {
        Registrations.handleException(exc, coro);
    }

    // ------------------------------------------------------------------------------------------------
    // Hooks

    /**
     * Registers {@code handler} to be called on every switch of this hub; returns it.
     *
     * @param handler called with the greenlet that had the previous turn and the one that gets the next; held weakly
     * @return {@code handler}, to keep it reachable
     */
    public static SwitchHook globalHook(SwitchHook handler) {
        return Registrations.addGlobalHook(handler);
    }

    /**
     * Removes a global hook; returns whether it was registered.
     *
     * @param handler the hook to remove
     * @return true if it was registered
     */
    public static boolean removeGlobalHook(SwitchHook handler) {
        return Registrations.removeGlobalHook(handler);
    }

    /**
     * Registers {@code handler} to be called when the current greenlet's turns begin; returns it.
     *
     * @param handler called with {@link LocalHook#INCOMING} and the greenlet; held weakly
     * @return {@code handler}, to keep it reachable
     */
    public static LocalHook localIncomingHook(LocalHook handler) {
        return localIncomingHook(handler, current());
    }

    /**
     * Registers {@code handler} to be called when {@code coro}'s turns begin; returns it.
     *
     * @param handler called with {@link LocalHook#INCOMING} and {@code coro}; held weakly
     * @param coro the greenlet whose turns it watches, of the calling thread's hub
     * @return {@code handler}, to keep it reachable
     */
    public static LocalHook localIncomingHook(LocalHook handler, Greenlet coro) {
        return Registrations.addIncomingHook(handler, coro);
    }

    /**
     * Removes an incoming hook of the current greenlet; returns whether it was registered.
     *
     * @param handler the hook to remove
     * @return true if it was registered
     */
    public static boolean removeLocalIncomingHook(LocalHook handler) {
        return removeLocalIncomingHook(handler, current());
    }

    /**
     * Removes an incoming hook of {@code coro}; returns whether it was registered.
     *
     * @param handler the hook to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    public static boolean removeLocalIncomingHook(LocalHook handler, Greenlet coro) {
        return Registrations.removeIncomingHook(handler, coro);
    }

    /**
     * Registers {@code handler} to be called when the current greenlet's turns end; returns it.
     *
     * @param handler called with {@link LocalHook#OUTGOING} and the greenlet; held weakly
     * @return {@code handler}, to keep it reachable
     */
    public static LocalHook localOutgoingHook(LocalHook handler) {
        return localOutgoingHook(handler, current());
    }

    /**
     * Registers {@code handler} to be called when {@code coro}'s turns end; returns it.
     *
     * @param handler called with {@link LocalHook#OUTGOING} and {@code coro}; held weakly
     * @param coro the greenlet whose turns it watches, of the calling thread's hub
     * @return {@code handler}, to keep it reachable
     */
    public static LocalHook localOutgoingHook(LocalHook handler, Greenlet coro) {
        return Registrations.addOutgoingHook(handler, coro);
    }

    /**
     * Removes an outgoing hook of the current greenlet; returns whether it was registered.
     *
     * @param handler the hook to remove
     * @return true if it was registered
     */
    public static boolean removeLocalOutgoingHook(LocalHook handler) {
        return removeLocalOutgoingHook(handler, current());
    }

    /**
     * Removes an outgoing hook of {@code coro}; returns whether it was registered.
     *
     * @param handler the hook to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    public static boolean removeLocalOutgoingHook(LocalHook handler, Greenlet coro) {
        return Registrations.removeOutgoingHook(handler, coro);
    }

    // ------------------------------------------------------------------------------------------------
    // Poller and interrupts

    /** Same as {@code setIgnoreInterrupts(true)}: the hub ignores interrupts of its thread. */
    public static void setIgnoreInterrupts() {
        setIgnoreInterrupts(true);
    }

    /**
     * Whether the hub acts on interrupts of its thread. When false (the default), an interrupt ends the main
     * greenlet's current blocking call with {@link HubInterruptedException}, leaving the thread's interrupt
     * status set, and wakes every greenlet blocked on I/O with {@link java.io.InterruptedIOException}; the
     * other greenlets keep waiting (see {@link Hub}, "Interrupts"). When true, the hub's poller clears the
     * status and everything keeps waiting, as greenhouse's {@code set_ignore_interrupts()} makes I/O waits
     * restart.
     *
     * @param flag true to ignore interrupts of the hub's thread, false (the default) to act on them
     */
    public static void setIgnoreInterrupts(boolean flag) {
        Hub.checkedLoop().setIgnoreInterrupts(flag);
    }

    /**
     * Whether interrupts are ignored (see {@link #setIgnoreInterrupts(boolean)}).
     *
     * @return true if the hub ignores interrupts of its thread
     */
    public static boolean ignoresInterrupts() {
        return Hub.checkedLoop().ignoresInterrupts();
    }

    /**
     * Replaces the hub's poller with the best available one: Netty epoll where {@code greenhouse-io} is
     * present and epoll works, else Netty NIO, else the portable poller. The old poller is closed, with
     * its registrations.
     */
    public static void resetPoller() {
        Hub.checkedLoop().resetPoller(null);
    }

    /**
     * Replaces the hub's poller with {@code poll}; the old one is closed, with its registrations.
     *
     * @param poll the poller to install; it must not serve another hub
     */
    public static void resetPoller(Poller poll) {
        Objects.requireNonNull(poll, "poll");
        Hub.checkedLoop().resetPoller(poll);
    }
}
