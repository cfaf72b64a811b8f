package io.greenhouse;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.fiber.FiberGlue;

/**
 * One scheduler loop, owned by one thread, and the greenlets it runs (greenhouse's {@code scheduler}
 * state; gevent's hub).
 *
 * <p>Every thread that uses the API gets its own hub lazily ({@link #current()}); the static methods of
 * {@link Scheduler} act on it. A hub has a clock ({@link Clock}, injectable with {@link #install}) that
 * every timer reads, and a {@link Poller}.
 *
 * <h2>The loop</h2>
 * The loop takes greenlets one by one from the ready queue and runs each until it pauses, blocks or ends.
 * When the ready queue is empty it polls (without waiting), and refills the ready queue in greenhouse's
 * order: greenlets woken since the last refill (by I/O, by {@code util} primitives, or work handed over by
 * {@link #execute}), in the order they were woken; then due timers, by deadline and then in the order they
 * were set; then greenlets {@code schedule}d or {@code pause}d since the last refill. While the queue
 * stays empty it waits in the poller until the first timer is due (or, with no timer, until I/O or a
 * wakeup). If nothing at all can wake it, the main greenlet's blocking call throws
 * {@link DeadlockException} naming every waiting greenlet.
 *
 * <p>There is no loop thread: the loop runs on the hub's own thread, inside whatever blocking call its
 * main greenlet made (a {@code pause()}, a {@code join()}, an {@code Event.await()}...), until the main
 * greenlet's turn comes back.
 *
 * <p>Greenlets switch only at suspension points (the blocking calls of this library). A greenlet that
 * computes for long, or calls a blocking JDK method, holds the whole hub; scheduled exceptions and
 * {@link Scheduler#end} reach it at its next suspension.
 *
 * <h2>Threading</h2>
 * All methods MUST be called on the hub's thread, except {@link #execute(Runnable)}, {@link #thread()} and
 * {@link #isClosed()}, which any thread may call. A call from another thread throws
 * {@link IllegalStateException}.
 */
public final class Hub implements Executor, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.scheduler");
    private static final ThreadLocal<Hub> HUBS = new ThreadLocal<>();
    /** The last hub looked up; a racy but safe cache (Hub.thread is final) for the one-hub case. */
    private static Hub lastHub;

    private final Thread thread;                  // immutable
    private final Greenlet main;                  // immutable
    private final Clock clock;                    // immutable
    private final boolean systemClock;            // immutable
    private volatile Poller poller;               // written on the hub thread; read by execute() anywhere
    private String pollerName;                    // hub thread only

    private final ArrayDeque<Greenlet> ready = new ArrayDeque<>();   // hub thread only; popped by the loop
    private final ArrayDeque<Greenlet> woken = new ArrayDeque<>();   // hub thread only; since last refill
    private final ArrayDeque<Greenlet> paused = new ArrayDeque<>();  // hub thread only; since last refill
    private final TimerHeap timers = new TimerHeap();                // hub thread only
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>(); // any thread

    Greenlet current;              // hub thread only; the greenlet whose turn it is (main outside turns)
    private Greenlet last;         // hub thread only; the greenlet that had the previous turn
    private boolean inLoop;        // hub thread only; the loop is running (main is inside a blocking call)
    private long nextId;           // hub thread only
    private int turns;             // hub thread writes; read racily by StallWatchdog; greenlet turns so far
    private Greenlet liveHead;     // hub thread only; every scheduled, not yet dead greenlet
    private int liveCount;         // hub thread only

    private final Callbacks callbacks = new Callbacks();  // hub thread only; hooks and exception handlers
    private boolean ignoreInterrupts;   // hub thread only
    private volatile boolean keepAlive; // any thread
    private volatile boolean closed;    // written on the hub thread

    private Hub(Thread thread, Clock clock, Poller poller) {
        this.thread = thread;
        this.clock = clock;
        this.systemClock = clock.equals(Clock.systemUTC());
        this.main = new Greenlet(this, null, 0, "main(" + thread.getName() + ")");
        this.main.state = Greenlet.RUNNING;
        this.main.started = true;
        this.current = main;
        this.last = main;
        this.nextId = 1;
        setPoller(poller, poller == null ? null : poller.toString());
    }

    // ------------------------------------------------------------------------------------------------
    // Lookup and creation

    /**
     * The calling thread's hub, created on first use with the system clock and the best available poller.
     *
     * @throws IllegalStateException if greenlet code cannot run because nothing instruments it (neither the
     *         Quasar agent nor build-time instrumentation): the message says how to fix it
     */
    public static Hub current() {
        Hub h = lastHub;
        if (h != null && h.thread == Thread.currentThread()) {
            return h;
        }
        return lookup();
    }

    private static Hub lookup() {
        Hub h = HUBS.get();
        if (h == null) {
            h = create(Clock.systemUTC(), null);
        }
        lastHub = h;
        return h;
    }

    /**
     * Creates the calling thread's hub with the given clock and poller (a virtual clock and a simulated
     * poller, in tests). Timers, {@link Scheduler#time()} and every timeout read {@code clock}; the poller
     * is asked to wait for exactly the time left until the first timer, in that clock's seconds.
     *
     * @param clock  the clock every timer reads
     * @param poller the poller, or null for the best available one ({@link Scheduler#resetPoller()})
     * @throws IllegalStateException if the thread already has an open hub; close it first
     */
    public static Hub install(Clock clock, Poller poller) {
        Objects.requireNonNull(clock, "clock");
        if (HUBS.get() != null) {
            throw new IllegalStateException("thread " + Thread.currentThread().getName()
                    + " already has a hub: close it (Hub.current().close()) before installing another");
        }
        Hub h = create(clock, poller);
        lastHub = h;
        return h;
    }

    private static Hub create(Clock clock, Poller poller) {
        String problem = FiberGlue.instrumentationProblem(Scheduler.class, "pause");
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Hub h = new Hub(Thread.currentThread(), clock, poller);
        HUBS.set(h);
        StallWatchdog.watch(h);
        return h;
    }

    /**
     * Runs {@code main} as a greenlet of the calling thread's hub ({@link Scheduler#current()} inside it is
     * that greenlet) and drives the loop until it is dead. Rethrows what {@code main} died of, unwrapped
     * (checked exceptions included). The hub stays open.
     */
    public static void run(GreenRunnable main) throws Exception {
        Objects.requireNonNull(main, "main");
        Hub hub = current();
        Greenlet g = hub.newGreenlet(main);
        g.failureRethrown = true;
        hub.makeRunnable(g);
        try {
            g.join();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
        Throwable failure = g.failure;
        if (failure != null) {
            throw Hub.<RuntimeException>sneaky(failure);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Public instance API

    /** The thread that owns this hub. Any thread may call this. */
    public Thread thread() {
        return thread;
    }

    /** This hub's main greenlet: its thread, seen as a greenlet. */
    public Greenlet mainGreenlet() {
        return main;
    }

    /** The clock every timer of this hub reads. */
    public Clock clock() {
        return clock;
    }

    /** Whether {@link #close()} was called. Any thread may call this. */
    public boolean isClosed() {
        return closed;
    }

    /** How many greenlets of this hub were scheduled and are not yet dead. */
    public int liveGreenlets() {
        checkThread();
        return liveCount;
    }

    /** The name of the poller in use, such as {@code "epoll"} or {@code "portable"}. */
    public String pollerName() {
        checkThread();
        return pollerName;
    }

    /**
     * Hands {@code task} to this hub: it runs in a new greenlet of this hub, on the hub's thread, and is
     * woken like a greenlet woken by I/O. Safe from any thread; wakes the hub's poller.
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("hub of thread " + thread.getName() + " is closed");
        }
        inbox.add(task);
        if (Thread.currentThread() != thread) {
            Poller p = poller;
            if (p != null) {
                p.wakeup();
            }
        }
    }

    /**
     * While {@code true}, an idle hub waits for {@link #execute} work from other threads instead of
     * reporting a {@link DeadlockException}. Any thread may call this.
     */
    public void keepAlive(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    /**
     * Closes this hub: ends every greenlet ({@link GreenletExit} is thrown into each at its suspension
     * point, so their {@code finally} blocks run; greenlets that never started die without running),
     * discards handlers, hooks and timers, closes the poller, and detaches the hub from its thread, whose
     * next call gets a fresh hub. Closing a closed hub does nothing.
     *
     * @throws IllegalStateException if called from another thread, or from inside a greenlet of this hub
     */
    @Override
    public void close() {
        checkOwnerThread();
        if (closed) {
            return;
        }
        if (current != main || inLoop) {
            throw new IllegalStateException("a hub can only be closed from its main greenlet, outside the loop");
        }
        // Greenlets may catch GreenletExit and block again: give each a few chances, then abandon it.
        for (int round = 0; round < 3 && liveCount > 0; round++) {
            for (Greenlet g = liveHead; g != null; g = g.nextLive) {
                if (g.state != Greenlet.DEAD) {
                    g.pending = new GreenletExit("hub closed");
                    if (g.state == Greenlet.NEW || g.state == Greenlet.BLOCKED) {
                        enqueue(paused, g);
                    }
                }
            }
            drain();
        }
        closed = true;
        timers.clear();
        ready.clear();
        woken.clear();
        paused.clear();
        inbox.clear();
        liveHead = null;
        liveCount = 0;
        callbacks.clear();
        if (poller != null) {
            try {
                poller.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the poller failed", e);
            }
            poller = null;
        }
        if (HUBS.get() == this) {
            HUBS.remove();
        }
        if (lastHub == this) {
            lastHub = null;
        }
    }

    /** Runs the loop until nothing is runnable and no timer is due, without waiting. */
    private void drain() {
        main.state = Greenlet.QUEUED;
        for (;;) {
            refillWithoutWaiting();
            if (ready.isEmpty()) {
                break;
            }
            inLoop = true;
            try {
                Greenlet g;
                while ((g = ready.pollFirst()) != null) {
                    if (g != main) {
                        runTurn(g);
                    }
                }
            } finally {
                inLoop = false;
            }
        }
        main.state = Greenlet.RUNNING;
        current = main;
    }

    @Override
    public String toString() {
        return "Hub[" + thread.getName() + ", " + pollerName + (closed ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------------------------------------
    // Package API used by Scheduler, Greenlet, GreenLockSupport and Recurring

    /** For the watchdog: the greenlet whose turn it is, or null outside greenlet turns. Racy. */
    Greenlet runningGreenlet() {
        Greenlet g = current;
        return g == main ? null : g;
    }

    /** For the watchdog: how many greenlet turns have started. Racy. */
    int turnCount() {
        return turns;
    }

    void checkThread() {
        checkOwnerThread();
        if (closed) {
            throw new IllegalStateException("the hub of thread " + thread.getName() + " is closed");
        }
    }

    private void checkOwnerThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("the hub of thread " + thread.getName() + " was used from thread "
                    + Thread.currentThread().getName()
                    + ": a hub and its greenlets belong to one thread; hand work over with Hub.execute");
        }
    }

    /** Checks that {@code g} belongs to this hub, which is the calling thread's. */
    void checkOwn(Greenlet g) {
        if (g.hub != this) {
            throw new IllegalStateException(g.name() + " belongs to the hub of thread " + g.hub.thread.getName()
                    + ", not to the hub of thread " + thread.getName()
                    + ": a greenlet only runs on its own hub's thread");
        }
    }

    /** The hub clock's time in seconds since the epoch (double: about 0.24 microsecond resolution today). */
    double now() {
        return nanos() / 1e9;
    }

    /** The hub clock's time in nanoseconds since the epoch; timers compare these, exactly. */
    long nanos() {
        Instant i = systemClock ? Instant.now() : clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** A point in time in seconds since the epoch, as epoch nanoseconds, rounded up (never early). */
    static long toNanos(double unixtime) {
        if (unixtime >= Long.MAX_VALUE / 1e9) {
            return Long.MAX_VALUE;
        }
        return (long) Math.ceil(unixtime * 1e9);
    }

    /** {@code nanos() + seconds}, rounded up and saturated. */
    long nanosFromNow(double seconds) {
        long now = nanos();
        if (seconds <= 0) {
            return now;
        }
        double d = Math.ceil(seconds * 1e9);
        if (d >= Long.MAX_VALUE - now) {
            return Long.MAX_VALUE;
        }
        return now + (long) d;
    }

    Greenlet newGreenlet(GreenRunnable body) {
        return new Greenlet(this, FiberGlue.create(body), nextId++, null);
    }

    /**
     * Makes {@code g} runnable at the next refill, greenhouse's {@code schedule(g)}: a new or blocked
     * greenlet joins the paused queue (a blocked one wakes early, as greenhouse's duplicate queue entries
     * do); a running one yields at its next park; a queued or dead one is left alone.
     */
    void makeRunnable(Greenlet g) {
        switch (g.state) {
            case Greenlet.NEW:
            case Greenlet.BLOCKED:
                enqueue(paused, g);
                break;
            case Greenlet.RUNNING:
                g.rescheduleOnPark = true;
                break;
            default:
                break;
        }
    }

    /** Wakes a blocked greenlet into the woken queue; false if it was not blocked. */
    boolean unpark(Greenlet g) {
        if (g.state != Greenlet.BLOCKED) {
            return false;
        }
        enqueue(woken, g);
        return true;
    }

    private void enqueue(ArrayDeque<Greenlet> queue, Greenlet g) {
        if (!g.linked) {
            link(g);
        }
        g.state = Greenlet.QUEUED;
        queue.addLast(g);
    }

    private void link(Greenlet g) {
        if (closed) {
            throw new IllegalStateException("the hub of thread " + thread.getName() + " is closed");
        }
        if (g == main) {
            return;   // the main greenlet never dies; it is not one of the hub's live greenlets
        }
        g.linked = true;
        g.nextLive = liveHead;
        if (liveHead != null) {
            liveHead.prevLive = g;
        }
        liveHead = g;
        liveCount++;
    }

    private void unlink(Greenlet g) {
        if (!g.linked) {
            return;
        }
        g.linked = false;
        if (g.prevLive != null) {
            g.prevLive.nextLive = g.nextLive;
        } else {
            liveHead = g.nextLive;
        }
        if (g.nextLive != null) {
            g.nextLive.prevLive = g.prevLive;
        }
        g.prevLive = null;
        g.nextLive = null;
        liveCount--;
    }

    void addTimer(HubTimer t, long deadline) {
        if (t.greenlet != null && !t.greenlet.linked) {
            link(t.greenlet);
        }
        timers.add(t, deadline);
    }

    void removeTimer(HubTimer t) {
        timers.remove(t);
    }

    /** The current greenlet pauses: it joins the paused queue. The caller then suspends. */
    void beginPause(Greenlet g) {
        checkSuspendable(g);
        g.rescheduleOnPark = false;
        enqueue(paused, g);
    }

    /** The current greenlet blocks on {@code blocker}. The caller then suspends. */
    void beginPark(Greenlet g, Object blocker) {
        checkSuspendable(g);
        g.blocker = blocker;
        if (g.rescheduleOnPark) {
            g.rescheduleOnPark = false;
            enqueue(paused, g);
        } else {
            g.state = Greenlet.BLOCKED;
        }
    }

    /** The current greenlet blocks on {@code blocker} until {@code deadline} at the latest. */
    void beginTimedPark(Greenlet g, Object blocker, long deadline) {
        beginPark(g, blocker);
        HubTimer t = g.parkTimer;
        if (t == null) {
            t = g.parkTimer = new HubTimer(HubTimer.PARK_TIMEOUT, g, null);
        }
        g.timedOut = false;
        timers.add(t, deadline);
    }

    /** After a park: throws the pending exception, if any. */
    void endPark(Greenlet g) {
        g.blocker = null;
        Throwable t = g.pending;
        if (t != null) {
            g.pending = null;
            throw Hub.<RuntimeException>sneaky(t);
        }
    }

    /** After a timed park: disarms its timer, throws the pending exception; true unless it timed out. */
    boolean endTimedPark(Greenlet g) {
        boolean timedOut = g.timedOut;
        g.timedOut = false;
        timers.remove(g.parkTimer);
        endPark(g);
        return !timedOut;
    }

    private void checkSuspendable(Greenlet g) {
        if (g != main) {
            if (FiberGlue.VERIFY) {
                FiberGlue.verifyInstrumented();
            } else if (!g.stackChecked) {
                g.stackChecked = true;
                FiberGlue.verifyFirstSuspension(g.fiber);
            }
        }
        if (g == main && inLoop) {
            throw new IllegalStateException("blocking call from a hook, an exception handler or a poller "
                    + "callback: they run in the hub's loop and must not block");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The loop

    /**
     * Runs the loop on the hub's thread until the main greenlet's turn comes back. Called by the main
     * greenlet when it blocks, after it has put itself in a queue or registered as a waiter.
     */
    void runLoop() {
        callbacks.switchOut(main);
        inLoop = true;
        try {
            for (;;) {
                Greenlet g = ready.pollFirst();
                if (g == null) {
                    refill();
                    continue;
                }
                if (g == main) {
                    callbacks.switchIn(last, main);
                    last = main;
                    main.state = Greenlet.RUNNING;
                    return;
                }
                runTurn(g);
            }
        } catch (RuntimeException | Error e) {
            // A deadlock report, or a poller that failed: the main greenlet's blocking call throws it, and
            // the main greenlet leaves every queue so that the hub stays usable.
            ready.remove(main);
            woken.remove(main);
            paused.remove(main);
            last = main;
            main.state = Greenlet.RUNNING;
            throw e;
        } finally {
            inLoop = false;
            current = main;
        }
    }

    /** Gives the thread to {@code g} until it parks, pauses or ends. */
    private void runTurn(Greenlet g) {
        if (g.state != Greenlet.QUEUED) {
            return;  // a dead greenlet: closed hub leftovers
        }
        callbacks.switchIn(last, g);
        last = g;
        turns++;
        current = g;
        g.state = Greenlet.RUNNING;
        try {
            if (g.started) {
                FiberGlue.resume(g.fiber);
            } else if (g.pending != null) {
                Throwable t = g.pending;
                g.pending = null;
                g.failure = t instanceof GreenletExit ? null : t;
            } else {
                g.started = true;
                FiberGlue.start(g.fiber);
            }
        } finally {
            current = main;
        }
        if (g.state == Greenlet.RUNNING) {
            // It did not park or pause: its body ended (or it never started).
            die(g);
        }
        callbacks.switchOut(g);
    }

    private void die(Greenlet g) {
        Throwable failure = g.failure;
        if (g.started) {
            failure = FiberGlue.failure(g.fiber);
            if (failure instanceof GreenletExit) {
                failure = null;
            }
        }
        g.failure = failure;
        g.state = Greenlet.DEAD;
        g.pending = null;
        if (g.parkTimer != null) {
            timers.remove(g.parkTimer);
        }
        unlink(g);
        if (g.joiners != null) {
            for (Greenlet j : g.joiners) {
                unpark(j);
            }
        }
        if (failure != null) {
            callbacks.handleException(failure, g, !g.failureRethrown);
        }
    }

    private void refillWithoutWaiting() {
        drainInbox();
        // Greenhouse polls at every refill; when nothing is registered no I/O can be ready, and skipping
        // the non-blocking poll (an epoll_wait system call) saves ~70 ns per refill (JMH, N = 1).
        if (poller != null && poller.hasPendingWork()) {
            poller.poll(0, ignoreInterrupts);
        }
        moveReady();
    }

    /** Refills the ready queue, waiting in the poller while nothing is runnable. */
    private void refill() {
        if (!woken.isEmpty() || !paused.isEmpty() || !inbox.isEmpty() || timerDue()) {
            refillWithoutWaiting();
        }
        // else nothing can become runnable without waiting: the waiting poll below does the non-blocking
        // poll's work, and one epoll_wait is saved each time the loop goes idle.
        while (ready.isEmpty()) {
            double timeout;
            HubTimer first = timers.peek();
            if (first != null) {
                timeout = Math.max(0, first.deadline - nanos()) / 1e9;
            } else if (!inbox.isEmpty()) {
                timeout = 0;
            } else if (keepAlive || (poller != null && poller.hasPendingWork())) {
                timeout = -1;
            } else {
                throw new DeadlockException(DeadlockReport.describe(thread, main, liveHead, poller, pollerName));
            }
            if (poller != null) {
                poller.poll(timeout, ignoreInterrupts);
            }
            drainInbox();
            moveReady();
        }
    }

    private boolean timerDue() {
        HubTimer first = timers.peek();
        return first != null && first.deadline <= nanos();
    }

    /** woken, then due timers, then paused: greenhouse's {@code _hit_poller} order. */
    private void moveReady() {
        Greenlet g;
        while ((g = woken.pollFirst()) != null) {
            ready.addLast(g);
        }
        if (!timers.isEmpty()) {
            long now = nanos();
            HubTimer t;
            while ((t = timers.peek()) != null && t.deadline <= now) {
                timers.poll();
                fire(t);
            }
        }
        while ((g = paused.pollFirst()) != null) {
            ready.addLast(g);
        }
    }

    private void fire(HubTimer t) {
        Greenlet g = t.greenlet;
        switch (t.kind) {
            case HubTimer.PARK_TIMEOUT:
                if (g.state == Greenlet.BLOCKED) {
                    g.timedOut = true;
                    g.state = Greenlet.QUEUED;
                    ready.addLast(g);
                }
                break;
            case HubTimer.SCHEDULE:
                if (g.state == Greenlet.NEW || g.state == Greenlet.BLOCKED) {
                    if (!g.linked) {
                        link(g);
                    }
                    g.state = Greenlet.QUEUED;
                    ready.addLast(g);
                }
                break;
            default:
                t.action.run();
                break;
        }
    }

    /** Makes {@code g} runnable in the current refill, at a due timer's place. For recurring runs. */
    void readyNow(Greenlet g) {
        if (!g.linked) {
            link(g);
        }
        g.state = Greenlet.QUEUED;
        ready.addLast(g);
    }

    private void drainInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            Runnable r = task;
            Greenlet g = newGreenlet(r::run);
            enqueue(woken, g);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Hooks and handlers

    /** Runs the local handlers of {@code g}, then the global ones. */
    void handleException(Throwable error, Greenlet g, boolean logIfUnhandled) {
        callbacks.handleException(error, g, logIfUnhandled);
    }

    WeakList<ExceptionHandler> globalHandlers() {
        return callbacks.globalHandlers;
    }

    WeakList<SwitchHook> globalHooks() {
        return callbacks.globalHooks;
    }

    // ------------------------------------------------------------------------------------------------
    // Poller and interrupts

    void setIgnoreInterrupts(boolean flag) {
        ignoreInterrupts = flag;
    }

    boolean ignoresInterrupts() {
        return ignoreInterrupts;
    }

    void resetPoller(Poller replacement) {
        Poller old = poller;
        if (old != null && old != replacement) {
            try {
                old.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the old poller failed", e);
            }
        }
        setPoller(replacement, replacement == null ? null : replacement.toString());
    }

    private void setPoller(Poller p, String name) {
        if (p == null) {
            PollerProvider best = bestProvider();
            p = best.create();
            name = best.name();
        }
        poller = p;
        pollerName = name;
        p.attach(this);
    }

    /** Every {@link PollerProvider} on the class path, available, with the highest priority. */
    static PollerProvider bestProvider() {
        PollerProvider best = null;
        for (PollerProvider p : ServiceLoader.load(PollerProvider.class, Hub.class.getClassLoader())) {
            try {
                if (p.isAvailable() && (best == null || p.priority() > best.priority())) {
                    best = p;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "poller provider " + p.name() + " is unavailable", e);
            }
        }
        return best != null ? best : new PortablePoller.Provider();
    }

    /** The poller in use. For pollers and tests. */
    public Poller poller() {
        checkThread();
        return poller;
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
