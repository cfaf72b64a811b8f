package io.greenhouse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.fiber.FiberGlue;

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
 * <p>Handlers and hooks are held by weak reference, as greenhouse documents: keep the returned object
 * reachable for as long as it should run. Every registering call returns its argument.
 *
 * <p>Errors: a null argument throws {@link NullPointerException}; a greenlet of another thread's hub
 * throws {@link IllegalStateException}. Threading: every method acts on, and MUST be called by, the
 * thread that owns the hub.
 */
public final class Scheduler {
    private Scheduler() {
    }

    // ------------------------------------------------------------------------------------------------
    // Current state

    /** The running greenlet: inside a greenlet that greenlet, on a plain thread its main greenlet. */
    public static Greenlet current() {
        return Hub.current().current;
    }

    /** The calling thread's main greenlet. */
    public static Greenlet mainGreenlet() {
        return Hub.current().mainGreenlet();
    }

    /** The hub clock's time, in seconds since the Unix epoch. */
    public static double time() {
        return Hub.current().now();
    }

    /** The clock of the calling thread's hub. */
    public static Clock clock() {
        return Hub.current().clock();
    }

    // ------------------------------------------------------------------------------------------------
    // Pausing

    /**
     * Lets every other runnable greenlet run, then resumes: the current greenlet goes to the back of the
     * queue, and runs again after at least one poll. From the main greenlet, this runs the loop.
     */
    public static void pause() throws SuspendExecution {
        Hub hub = Hub.current();
        Greenlet g = hub.current;
        hub.beginPause(g);
        if (g.fiber == null) {
            hub.runLoop();
        } else {
            Fiber.park();   // directly, not through FiberGlue: one suspendable frame less per switch (~25 ns)
        }
        hub.endPark(g);
    }

    /**
     * Pauses until {@code unixtime} (seconds since the epoch, hub clock). Returns at the first refill at or
     * after that time, never before; earlier if the greenlet is explicitly scheduled meanwhile.
     */
    public static void pauseUntil(double unixtime) throws SuspendExecution {
        checkTime(unixtime, "unixtime");
        GreenLockSupport.parkUntil("pauseUntil(" + unixtime + ")", unixtime);
    }

    /** As {@link #pauseUntil(double)}. */
    public static void pauseUntil(Instant instant) throws SuspendExecution {
        pauseUntil(seconds(Objects.requireNonNull(instant, "instant")));
    }

    /** Pauses for {@code secs} seconds of the hub's clock (at least; 0 or less behaves as {@link #pause()}). */
    public static void pauseFor(double secs) throws SuspendExecution {
        checkTime(secs, "secs");
        Hub hub = Hub.current();
        GreenLockSupport.parkUntilNanos(PAUSE_FOR, hub.nanosFromNow(secs));
    }

    private static final String PAUSE_FOR = "pauseFor";

    /** As {@link #pauseFor(double)}. */
    public static void pauseFor(Duration duration) throws SuspendExecution {
        pauseFor(Hub.seconds(Objects.requireNonNull(duration, "duration")));
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduling

    /** Creates a greenlet running {@code func}, without scheduling it; its parent is the hub's loop. */
    public static Greenlet greenlet(GreenRunnable func) {
        Objects.requireNonNull(func, "func");
        Hub hub = Hub.current();
        hub.checkThread();
        return hub.newGreenlet(func);
    }

    /** Schedules a new greenlet running {@code target} at the next refill, and returns it. */
    public static Greenlet schedule(GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        Hub hub = Hub.current();
        hub.checkThread();
        Greenlet g = hub.newGreenlet(target);
        hub.makeRunnable(g);
        return g;
    }

    /**
     * Schedules {@code target} to run at the next refill and returns it: a new greenlet starts; a blocked
     * one wakes early (as greenhouse's duplicate queue entry does); the running one yields at its next
     * blocking call; a queued or dead one is left as it is.
     */
    public static Greenlet schedule(Greenlet target) {
        Hub hub = own(target, "target");
        hub.makeRunnable(target);
        return target;
    }

    /** Schedules a new greenlet running {@code target} at {@code unixtime}, and returns it. */
    public static Greenlet scheduleAt(double unixtime, GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        checkTime(unixtime, "unixtime");
        Hub hub = Hub.current();
        hub.checkThread();
        Greenlet g = hub.newGreenlet(target);
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, g, null), Hub.toNanos(unixtime));
        return g;
    }

    /** Makes {@code target} runnable at {@code unixtime}, as {@link #schedule(Greenlet)} would then. */
    public static Greenlet scheduleAt(double unixtime, Greenlet target) {
        checkTime(unixtime, "unixtime");
        Hub hub = own(target, "target");
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, target, null), Hub.toNanos(unixtime));
        return target;
    }

    /** As {@link #scheduleAt(double, GreenRunnable)}. */
    public static Greenlet scheduleAt(Instant instant, GreenRunnable target) {
        return scheduleAt(seconds(Objects.requireNonNull(instant, "instant")), target);
    }

    /** As {@link #scheduleAt(double, Greenlet)}. */
    public static Greenlet scheduleAt(Instant instant, Greenlet target) {
        return scheduleAt(seconds(Objects.requireNonNull(instant, "instant")), target);
    }

    /** Schedules a new greenlet running {@code target} in {@code secs} seconds, and returns it. */
    public static Greenlet scheduleIn(double secs, GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        checkTime(secs, "secs");
        Hub hub = Hub.current();
        hub.checkThread();
        Greenlet g = hub.newGreenlet(target);
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, g, null), hub.nanosFromNow(secs));
        return g;
    }

    /** Makes {@code target} runnable in {@code secs} seconds. */
    public static Greenlet scheduleIn(double secs, Greenlet target) {
        checkTime(secs, "secs");
        Hub hub = own(target, "target");
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, target, null), hub.nanosFromNow(secs));
        return target;
    }

    /** As {@link #scheduleIn(double, GreenRunnable)}. */
    public static Greenlet scheduleIn(Duration delay, GreenRunnable target) {
        return scheduleIn(Hub.seconds(Objects.requireNonNull(delay, "delay")), target);
    }

    /** As {@link #scheduleIn(double, Greenlet)}. */
    public static Greenlet scheduleIn(Duration delay, Greenlet target) {
        return scheduleIn(Hub.seconds(Objects.requireNonNull(delay, "delay")), target);
    }

    /** Runs {@code target} every {@code interval} seconds, forever, starting one interval from now. */
    public static Recurring scheduleRecurring(double interval, GreenRunnable target) {
        return scheduleRecurring(interval, target, 0, 0);
    }

    /**
     * Runs {@code target}, each time in a new greenlet, at {@code startingAt + k * interval} for
     * k = 1, 2, ... up to {@code maxtimes} runs (see {@link Recurring}).
     *
     * @param interval   seconds between runs, not negative
     * @param maxtimes   how many runs; 0 = unbounded
     * @param startingAt seconds since the epoch; 0 = now
     * @throws IllegalArgumentException for a negative or NaN interval, or a negative maxtimes
     */
    public static Recurring scheduleRecurring(double interval, GreenRunnable target, int maxtimes,
                                              double startingAt) {
        Objects.requireNonNull(target, "target");
        if (!(interval >= 0) || Double.isInfinite(interval)) {
            throw new IllegalArgumentException("interval must be a finite number of seconds >= 0: " + interval);
        }
        if (maxtimes < 0) {
            throw new IllegalArgumentException("maxtimes < 0: " + maxtimes);
        }
        checkTime(startingAt, "startingAt");
        Hub hub = Hub.current();
        hub.checkThread();
        long start = startingAt == 0 ? hub.nanos() : Hub.toNanos(startingAt);
        return new Recurring(hub, interval, maxtimes, start, target);
    }

    /** Runs the body of {@code target} every {@code interval} seconds, each time in a new greenlet. */
    public static Recurring scheduleRecurring(double interval, Greenlet target) {
        return scheduleRecurring(interval, target, 0, 0);
    }

    /**
     * Runs the body of {@code target}, each time in a new greenlet, as
     * {@link #scheduleRecurring(double, GreenRunnable, int, double)}; {@code target} itself never runs.
     *
     * @throws IllegalArgumentException if {@code target} is dead, or for a bad interval or maxtimes
     */
    public static Recurring scheduleRecurring(double interval, Greenlet target, int maxtimes, double startingAt) {
        own(target, "target");
        if (target.isDead()) {
            throw new IllegalArgumentException("can't schedule a dead greenlet: " + target);
        }
        if (target.fiber == null) {
            throw new IllegalArgumentException("the main greenlet has no body to run: " + target);
        }
        return scheduleRecurring(interval, FiberGlue.body(target.fiber), maxtimes, startingAt);
    }

    // ------------------------------------------------------------------------------------------------
    // Exceptions and ending

    /**
     * Schedules {@code target} and makes it throw {@code exception}, the same instance, unwrapped, from the
     * call it is suspended in (at once if it has not started: it then dies without running its body, and
     * the exception goes to the handlers). Scheduled into the running greenlet, it is thrown at its next
     * blocking call.
     *
     * @throws IllegalArgumentException if {@code target} is dead
     */
    public static void scheduleException(Throwable exception, Greenlet target) {
        Hub hub = exceptionTarget(exception, target);
        target.pending = exception;
        hub.makeRunnable(target);
    }

    /** As {@link #scheduleException}, with the greenlet made runnable at {@code unixtime}. The exception is
     * attached at once: if the greenlet runs earlier for another reason, it gets it then. */
    public static void scheduleExceptionAt(double unixtime, Throwable exception, Greenlet target) {
        checkTime(unixtime, "unixtime");
        Hub hub = exceptionTarget(exception, target);
        target.pending = exception;
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, target, null), Hub.toNanos(unixtime));
    }

    /** As {@link #scheduleExceptionAt}, {@code secs} seconds from now. */
    public static void scheduleExceptionIn(double secs, Throwable exception, Greenlet target) {
        checkTime(secs, "secs");
        Hub hub = exceptionTarget(exception, target);
        target.pending = exception;
        hub.addTimer(new HubTimer(HubTimer.SCHEDULE, target, null), hub.nanosFromNow(secs));
    }

    private static Hub exceptionTarget(Throwable exception, Greenlet target) {
        Objects.requireNonNull(exception, "exception");
        Hub hub = own(target, "target");
        if (target.isDead()) {
            throw new IllegalArgumentException("can't send exceptions to a dead greenlet: " + target);
        }
        return hub;
    }

    /**
     * Ends {@code target}: {@link GreenletExit} is thrown into it at its next turn (its {@code finally}
     * blocks run). A greenlet that never started dies without running its body; ending a dead greenlet
     * does nothing.
     */
    public static void end(Greenlet target) {
        Hub hub = own(target, "target");
        if (target.isDead()) {
            return;
        }
        target.pending = new GreenletExit();
        hub.makeRunnable(target);
    }

    // ------------------------------------------------------------------------------------------------
    // Exception handlers

    /** Registers {@code handler} for exceptions of every greenlet of this hub; returns it. */
    public static ExceptionHandler globalExceptionHandler(ExceptionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return hub().globalHandlers().add(handler);
    }

    /** Removes a global handler; returns whether it was registered. */
    public static boolean removeGlobalExceptionHandler(ExceptionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return hub().globalHandlers().remove(handler);
    }

    /** Registers {@code handler} for exceptions of the current greenlet; returns it. */
    public static ExceptionHandler localExceptionHandler(ExceptionHandler handler) {
        return localExceptionHandler(handler, current());
    }

    /** Registers {@code handler} for exceptions of {@code coro}; returns it. */
    public static ExceptionHandler localExceptionHandler(ExceptionHandler handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        if (coro.localHandlers == null) {
            coro.localHandlers = new WeakList<>();
        }
        return coro.localHandlers.add(handler);
    }

    /** Removes a local handler of the current greenlet; returns whether it was registered. */
    public static boolean removeLocalExceptionHandler(ExceptionHandler handler) {
        return removeLocalExceptionHandler(handler, current());
    }

    /** Removes a local handler of {@code coro}; returns whether it was registered. */
    public static boolean removeLocalExceptionHandler(ExceptionHandler handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        return coro.localHandlers != null && coro.localHandlers.remove(handler);
    }

    /** Passes {@code exc} to the current greenlet's local handlers, then to the global ones. */
    public static void handleException(Throwable exc) {
        handleException(exc, current());
    }

    /** Passes {@code exc} to {@code coro}'s local handlers, then to the global ones. */
    public static void handleException(Throwable exc, Greenlet coro) {
        Objects.requireNonNull(exc, "exc");
        Hub hub = own(coro, "coro");
        hub.handleException(exc, coro, false);
    }

    // ------------------------------------------------------------------------------------------------
    // Hooks

    /** Registers {@code handler} to be called on every switch of this hub; returns it. */
    public static SwitchHook globalHook(SwitchHook handler) {
        Objects.requireNonNull(handler, "handler");
        return hub().globalHooks().add(handler);
    }

    /** Removes a global hook; returns whether it was registered. */
    public static boolean removeGlobalHook(SwitchHook handler) {
        Objects.requireNonNull(handler, "handler");
        return hub().globalHooks().remove(handler);
    }

    /** Registers {@code handler} to be called when the current greenlet's turns begin; returns it. */
    public static LocalHook localIncomingHook(LocalHook handler) {
        return localIncomingHook(handler, current());
    }

    /** Registers {@code handler} to be called when {@code coro}'s turns begin; returns it. */
    public static LocalHook localIncomingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        if (coro.incomingHooks == null) {
            coro.incomingHooks = new WeakList<>();
        }
        return coro.incomingHooks.add(handler);
    }

    /** Removes an incoming hook of the current greenlet; returns whether it was registered. */
    public static boolean removeLocalIncomingHook(LocalHook handler) {
        return removeLocalIncomingHook(handler, current());
    }

    /** Removes an incoming hook of {@code coro}; returns whether it was registered. */
    public static boolean removeLocalIncomingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        return coro.incomingHooks != null && coro.incomingHooks.remove(handler);
    }

    /** Registers {@code handler} to be called when the current greenlet's turns end; returns it. */
    public static LocalHook localOutgoingHook(LocalHook handler) {
        return localOutgoingHook(handler, current());
    }

    /** Registers {@code handler} to be called when {@code coro}'s turns end; returns it. */
    public static LocalHook localOutgoingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        if (coro.outgoingHooks == null) {
            coro.outgoingHooks = new WeakList<>();
        }
        return coro.outgoingHooks.add(handler);
    }

    /** Removes an outgoing hook of the current greenlet; returns whether it was registered. */
    public static boolean removeLocalOutgoingHook(LocalHook handler) {
        return removeLocalOutgoingHook(handler, current());
    }

    /** Removes an outgoing hook of {@code coro}; returns whether it was registered. */
    public static boolean removeLocalOutgoingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        own(coro, "coro");
        return coro.outgoingHooks != null && coro.outgoingHooks.remove(handler);
    }

    // ------------------------------------------------------------------------------------------------
    // Poller and interrupts

    /** Same as {@code setIgnoreInterrupts(true)}. */
    public static void setIgnoreInterrupts() {
        setIgnoreInterrupts(true);
    }

    /**
     * When false (the default), an interrupt of the hub's thread while it waits for I/O wakes every
     * greenlet blocked on I/O with {@link java.io.InterruptedIOException}; when true, they keep waiting.
     */
    public static void setIgnoreInterrupts(boolean flag) {
        hub().setIgnoreInterrupts(flag);
    }

    /** Whether interrupts are ignored (see {@link #setIgnoreInterrupts(boolean)}). */
    public static boolean ignoresInterrupts() {
        return hub().ignoresInterrupts();
    }

    /**
     * Replaces the hub's poller with the best available one: Netty epoll where {@code greenhouse-io} is
     * present and epoll works, else Netty NIO, else the portable poller. The old poller is closed, with
     * its registrations.
     */
    public static void resetPoller() {
        hub().resetPoller(null);
    }

    /** Replaces the hub's poller with {@code poll}; the old one is closed, with its registrations. */
    public static void resetPoller(Poller poll) {
        Objects.requireNonNull(poll, "poll");
        hub().resetPoller(poll);
    }

    // ------------------------------------------------------------------------------------------------

    private static Hub hub() {
        Hub hub = Hub.current();
        hub.checkThread();
        return hub;
    }

    private static Hub own(Greenlet g, String name) {
        Objects.requireNonNull(g, name);
        Hub hub = Hub.current();
        hub.checkThread();
        hub.checkOwn(g);
        return hub;
    }

    private static void checkTime(double t, String name) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
    }

    private static double seconds(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }
}
