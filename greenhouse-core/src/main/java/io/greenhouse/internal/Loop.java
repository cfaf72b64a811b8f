package io.greenhouse.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

import io.greenhouse.DeadlockException;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;

/**
 * The engine of one {@link Hub}: its run queues, timers, inbox, poller and turns. {@code Hub} is its public
 * face; {@code Scheduler}, {@code GreenLockSupport}, the park call sites and {@code greenhouse-io} drive it.
 *
 * <p>Iteration. The loop takes greenlets one by one from the ready queue and gives each a turn until it parks,
 * pauses or ends. When the ready queue is empty it refills it in greenhouse's {@code _hit_poller} order:
 * greenlets woken since the last refill (by I/O, by primitives, or work handed over by {@link #execute}), in
 * wake order; then due timers, by deadline and then in the order set; then greenlets made runnable or paused
 * since the last refill. Before a refill it polls without waiting (skipped while the poller has nothing
 * registered); while nothing is runnable it waits in the poller until the first timer is due, or without a
 * limit while I/O is registered or the hub is {@linkplain #keepAlive kept alive}; with nothing able to wake it,
 * the main greenlet's blocking call throws {@link DeadlockException}.
 *
 * <p>Fairness is FIFO within each queue; a greenlet made runnable during a batch waits for the whole batch.
 * The main greenlet takes part as a queue entry: when it blocks it queues itself (or waits as a waiter) and
 * runs this loop on its own thread ({@link #runLoop}) until its entry comes up.
 *
 * <p>Wakeup from other threads: {@link #execute} queues a task in a lock-free inbox and wakes the poller; the
 * loop turns each task into a greenlet at its next refill, in the woken queue. Cancellation is greenhouse's:
 * an exception delivered to a greenlet is thrown from its park at its next turn.
 *
 * <p>Threading: every method runs on the hub's thread, except {@link #execute}, {@link #keepAlive},
 * {@link #thread()}, {@link #isClosed()} and the watchdog's racy reads. Internal: not API.
 */
public final class Loop {
    private static final ThreadLocal<Loop> LOOPS = new ThreadLocal<>();
    /** The last loop looked up; a racy but safe cache (thread is final) for the one-hub case. */
    private static Loop lastLoop;

    private final Hub hub;                        // immutable; the public face
    private final Thread thread;                  // immutable
    private final Strand main;                    // immutable
    private final HubClock clock;                 // immutable
    private final ContinuationBackend backend;    // immutable
    private final GreenletFactory factory;        // immutable
    private final Inbox inbox;                    // any thread; work handed over with execute
    private final PollerSlot pollers = new PollerSlot();    // hub thread only; execute() reads it to wake the poller
    final RunQueues queues;                                 // hub thread only
    private final Callbacks callbacks = new Callbacks();    // hub thread only

    private Strand current;              // hub thread only; whose turn it is (main outside turns)
    private Strand last;                 // hub thread only; who had the previous turn
    private boolean inLoop;              // hub thread only; the loop runs (main is inside a blocking call)
    private long nextId = 1;             // hub thread only; greenlet ids, per hub
    private int turns;                   // hub thread writes; read racily by StallWatchdog; turns so far
    private boolean ignoreInterrupts;    // hub thread only
    private volatile boolean keepAlive;  // any thread
    private volatile boolean closed;     // written on the hub thread; close() finished

    /** Makes the public face and the record of each greenlet: {@code Greenlet}'s constructor, given by {@code Hub}. */
    @FunctionalInterface
    public interface GreenletFactory {
        /** A new greenlet of {@code loop} running {@code body} (null for the main greenlet); returns its record. */
        Strand create(Loop loop, GreenRunnable body, long id, Object[] context);
    }

    /**
     * The engine of {@code hub}, owned by the calling thread; {@link #open} then makes it the thread's loop.
     * Called by {@code Hub}, which checked that the thread has none and that {@code backend} is available.
     */
    public Loop(Hub hub, HubClock clock, ContinuationBackend backend, GreenletFactory factory) {
        this.hub = hub;
        this.thread = Thread.currentThread();
        this.clock = clock;
        this.backend = backend;
        this.factory = factory;
        this.inbox = new Inbox(thread);
        this.queues = new RunQueues(clock);
        this.main = factory.create(this, null, 0, null);
        main.greenlet().setName("main(" + thread.getName() + ")");
        this.current = main;
        this.last = main;
    }

    /**
     * Attaches the poller ({@code poller}, or the best available one if null), makes this the calling thread's
     * loop and lets the stall watchdog see it. Called once, by {@code Hub}, when its face is complete.
     */
    public void open(Poller poller) {
        pollers.install(poller, hub);
        LOOPS.set(this);
        lastLoop = this;
        StallWatchdog.watch(this);
    }

    // ------------------------------------------------------------------------------------------------
    // Lookup

    /** The calling thread's loop; its hub is created on first use ({@link Hub#current()}). */
    public static Loop current() {
        Loop l = lastLoop;
        if (l != null && l.thread == Thread.currentThread()) {
            return l;
        }
        return lookup();
    }

    private static Loop lookup() {
        Loop l = LOOPS.get();
        if (l == null) {
            Hub.current();          // creates the hub, which registers its loop
            l = LOOPS.get();
        }
        lastLoop = l;
        return l;
    }

    /** The calling thread's loop, or null if it has no open hub. */
    public static Loop existing() {
        Loop l = lastLoop;
        return l != null && l.thread == Thread.currentThread() ? l : LOOPS.get();
    }

    // ------------------------------------------------------------------------------------------------
    // What the hub is made of

    /** The public face. Any thread. */
    public Hub hub() {
        return hub;
    }

    /** The hub's thread. Any thread. */
    public Thread thread() {
        return thread;
    }

    /** The main greenlet's record. */
    public Strand main() {
        return main;
    }

    /** The greenlet whose turn it is; the main greenlet outside turns. */
    public Strand running() {
        return current;
    }

    /** The hub's clock, in nanoseconds. */
    public HubClock clock() {
        return clock;
    }

    /** The continuation backend that runs this hub's greenlets. */
    public ContinuationBackend backend() {
        return backend;
    }

    /** The hooks and handlers. */
    public Callbacks callbacks() {
        return callbacks;
    }

    /** Whether {@link #close()} finished. Any thread. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Checks that the calling thread owns this hub and that it is open.
     *
     * @throws IllegalStateException from another thread, or once the hub is closed
     */
    public void checkThread() {
        ThreadCheck.check(thread, null);
        if (closed) {
            throw new IllegalStateException("the hub of thread " + thread.getName() + " is closed");
        }
    }

    /** Checks that {@code s} belongs to this hub. */
    public void checkOwn(Strand s) {
        if (s.loop != this) {
            throw new IllegalStateException(s.greenlet().name() + " belongs to the hub of thread "
                    + s.loop.thread.getName() + ", not to the hub of thread " + thread.getName()
                    + ": a greenlet only runs on its own hub's thread");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Greenlets

    /**
     * A new greenlet running {@code body}, not scheduled, with {@code context} (the creator's, inherited: see
     * {@link io.greenhouse.ContextKey}). The one creation path: ids count per hub.
     */
    public Greenlet newGreenlet(GreenRunnable body, Object[] context) {
        return factory.create(this, body, nextId++, context).greenlet();
    }

    /** How many greenlets were scheduled and are not yet dead. */
    public int liveCount() {
        return queues.live.count();
    }

    /** The greenlets that were scheduled and are not yet dead, oldest first: for leak checks and harnesses. */
    public List<Greenlet> liveGreenlets() {
        return queues.live.greenlets();
    }

    LiveList live() {
        return queues.live;
    }

    /** Makes {@code s} runnable in the current refill, at a due timer's place: a recurring run. */
    public void readyNow(Strand s) {
        queues.enqueue(s, RunQueues.READY);
    }

    // ------------------------------------------------------------------------------------------------
    // Timers

    /** A timer that runs {@code action} on the loop when due (recurring runs); arm it with {@link #addTimer}. */
    public HubTimer actionTimer(Runnable action) {
        return new HubTimer(HubTimer.ACTION, null, Objects.requireNonNull(action, "action"));
    }

    /** Arms {@code t} for {@code deadline} (epoch nanoseconds, hub clock). */
    public void addTimer(HubTimer t, long deadline) {
        queues.addTimer(t, deadline);
    }

    /** Disarms {@code t} if it is armed. */
    public void removeTimer(HubTimer t) {
        queues.timers.remove(t);
    }

    // ------------------------------------------------------------------------------------------------
    // The park protocol, for the park call sites

    /** The current greenlet pauses: it joins the paused queue. The caller then suspends. */
    public void beginPause(Strand s) {
        checkCanPark(s);
        queues.enqueue(s, RunQueues.PAUSED);
    }

    /** The current greenlet blocks on {@code blocker}. The caller then suspends. */
    public void beginPark(Strand s, Object blocker) {
        checkCanPark(s);
        if (s.parking(blocker)) {
            queues.enqueue(s, RunQueues.PAUSED);
        }
    }

    /** The current greenlet blocks on {@code blocker} until {@code deadline} at the latest ({@link HubClock#NEVER}: no limit). */
    public void beginTimedPark(Strand s, Object blocker, long deadline) {
        beginPark(s, blocker);
        HubTimer t = s.parkTimer();
        if (deadline != HubClock.NEVER) {
            queues.timers.add(t, deadline);
        }
    }

    /** After a park: throws the exception delivered to the greenlet, if any. */
    public void endPark(Strand s) {
        s.unparked();
    }

    /** After a timed park: disarms its timer, throws the delivered exception; true unless it timed out. */
    public boolean endTimedPark(Strand s) {
        return s.unparkedInTime(queues.timers);
    }

    /**
     * The backend could not suspend the current greenlet after {@code beginPause} or {@code beginPark} (its
     * continuation is pinned): the greenlet runs on as if it had not called them, out of every queue, its park
     * timer disarmed. The backend then throws from the suspending call.
     */
    public void cancelPark(Strand s) {
        queues.remove(s);
        s.parkCancelled(queues.timers);
    }

    private void checkCanPark(Strand s) {
        if (!s.isMain()) {
            backend.checkSuspension(s.coroutine());
        } else if (inLoop) {
            throw new IllegalStateException("blocking call from a hook, an exception handler or a poller "
                    + "callback: they run in the hub's loop and must not block");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The loop

    /**
     * Runs the loop on the hub's thread until the main greenlet's turn comes back. Called by the main greenlet
     * when it blocks, after it has queued itself or registered as a waiter.
     */
    public void runLoop() {
        callbacks.switchOut(main);
        inLoop = true;
        try {
            for (;;) {
                Strand s = queues.pollReady();
                if (s == null) {
                    refill();
                    continue;
                }
                if (s.isMain()) {
                    callbacks.switchIn(last, main);
                    last = main;
                    main.mainRuns();
                    return;
                }
                runTurn(s);
            }
        } catch (RuntimeException | Error e) {
            // A deadlock report, or a poller that failed: the main greenlet's blocking call throws it, and
            // the main greenlet leaves every queue so that the hub stays usable.
            queues.remove(main);
            last = main;
            main.mainRuns();
            throw e;
        } finally {
            inLoop = false;
            current = main;
        }
    }

    /** Gives the thread to {@code s} until it parks, pauses or ends. */
    private void runTurn(Strand s) {
        if (!s.isQueued()) {
            return;  // dead: leftovers of a closed hub
        }
        callbacks.switchIn(last, s);
        last = s;
        turns++;
        current = s;
        boolean ended;
        try {
            ended = s.takeTurn();
        } finally {
            current = main;
        }
        if (ended) {
            die(s);
        }
        callbacks.switchOut(s);
    }

    private void die(Strand s) {
        Throwable failure = s.die(queues.timers);
        queues.live.unlink(s);
        if (failure != null) {
            callbacks.handleException(failure, s, s.logsUnhandledFailure());
        }
    }

    private void refillWithoutWaiting() {
        drainInbox();
        // Greenhouse polls at every refill; when nothing is registered no I/O can be ready, and skipping
        // the non-blocking poll (an epoll_wait system call) saves ~70 ns per refill (JMH, N = 1).
        Poller poller = pollers.current;
        if (poller != null && poller.hasPendingWork()) {
            poller.poll(0, ignoreInterrupts);
        }
        queues.refill();
    }

    /** Refills the ready queue, waiting in the poller while nothing is runnable. */
    private void refill() {
        if (!inbox.isEmpty() || queues.hasRunnable()) {
            refillWithoutWaiting();
        }
        // else nothing can become runnable without waiting: the waiting poll below does the non-blocking
        // poll's work, and one epoll_wait is saved each time the loop goes idle.
        Poller poller = pollers.current;
        while (queues.readyIsEmpty()) {
            long timeout;
            if (queues.hasTimer()) {
                timeout = queues.delayToFirstTimer(clock.nanos());
            } else if (!inbox.isEmpty()) {
                timeout = 0;
            } else if (keepAlive || (poller != null && poller.hasPendingWork())) {
                timeout = -1;
            } else {
                throw new DeadlockException(DeadlockReport.describe(this));
            }
            if (poller != null) {
                poller.poll(timeout, ignoreInterrupts);
            }
            drainInbox();
            queues.refill();
        }
    }

    private void drainInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            Runnable r = task;
            // Work from another thread carries none of this hub's context.
            queues.enqueue(factory.create(this, r::run, nextId++, null), RunQueues.WOKEN);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Other threads, keep-alive and closing

    /**
     * Hands {@code task} to the hub from any thread: it runs in a new greenlet, woken like one woken by I/O.
     * The task runs, or this throws {@link RejectedExecutionException}: never both, never neither ({@link Inbox}).
     * A task accepted while the hub closes runs during the close.
     *
     * @throws RejectedExecutionException if the hub is closing or closed
     * @throws IllegalStateException from another thread while a harness forbids it ({@link #forbidForeignExecute})
     */
    public void execute(Runnable task) {
        if (inbox.submit(task)) {
            Poller p = pollers.current;
            if (p != null) {
                p.wakeup();
            }
        }
    }

    /** While {@code true}, an idle hub waits for {@link #execute} work instead of reporting a deadlock. Any thread. */
    public void keepAlive(boolean on) {
        keepAlive = on;
    }

    /**
     * Closes the hub: ends every greenlet (up to three rounds, for greenlets that catch {@code GreenletExit}
     * and block again; then they are abandoned), runs the tasks accepted from other threads, discards timers,
     * hooks and handlers, and closes the poller. The caller is {@code Hub.close()}, on the hub's thread, outside
     * the loop.
     */
    public void close() {
        ThreadCheck.check(thread, null);
        if (closed) {
            return;
        }
        if (!current.isMain() || inLoop) {
            throw new IllegalStateException("a hub can only be closed from its main greenlet, outside the loop");
        }
        inbox.shutDown();
        for (int round = 0; round < 3 && (queues.live.count() > 0 || !inbox.isEmpty()); round++) {
            for (Strand s : queues.live.snapshot()) {
                s.endForClose();
            }
            queues.enqueue(main, RunQueues.PAUSED);   // one pass: main's turn comes after everything runnable now
            runLoop();
        }
        closed = true;
        queues.close("the hub of thread " + thread.getName() + " is closed");
        callbacks.clear();
        pollers.close();
        if (LOOPS.get() == this) {
            LOOPS.remove();
        }
        if (lastLoop == this) {
            lastLoop = null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Poller and interrupts

    /** The poller in use; null once the hub is closed. */
    public Poller poller() {
        return pollers.current;
    }

    /** The name of the poller in use, such as {@code "epoll"}. */
    public String pollerName() {
        return pollers.name();
    }

    /** Whether an interrupt of the hub's thread is ignored by I/O waits. */
    public boolean ignoresInterrupts() {
        return ignoreInterrupts;
    }

    /** See {@code Scheduler.setIgnoreInterrupts(boolean)}. */
    public void setIgnoreInterrupts(boolean flag) {
        ignoreInterrupts = flag;
    }

    /**
     * Replaces the poller with {@code replacement}, or the best available one if null; the old one is closed.
     *
     * @throws IllegalStateException while a harness locks the poller ({@link #lockPoller})
     */
    public void resetPoller(Poller replacement) {
        pollers.install(replacement, hub);
    }

    // ------------------------------------------------------------------------------------------------
    // Hooks for test harnesses

    /**
     * From now on, {@link #execute} from any other thread throws {@link IllegalStateException} with
     * {@code reason} (null allows it again): a deterministic simulation has no other threads.
     */
    public void forbidForeignExecute(String reason) {
        inbox.banForeign(reason);
    }

    /**
     * From now on, replacing the poller ({@code Scheduler.resetPoller}) throws {@link IllegalStateException}
     * with {@code reason} (null allows it again): a simulation keeps its simulated poller, and no real one
     * can be brought in.
     */
    public void lockPoller(String reason) {
        pollers.lock(reason);
    }

    /** Installs the monitor that hears of dropped callbacks and unhandled failures; null removes it. */
    public void setMonitor(HubMonitor monitor) {
        callbacks.monitor = monitor;
    }

    /**
     * A deadlock report: {@code why}, then every waiting greenlet with its blocker, what the poller says it
     * waits for and its context. For a simulated poller that finds nothing will ever happen.
     */
    public String describeWaiting(String why) {
        return DeadlockReport.describe(this, why);
    }

    // ------------------------------------------------------------------------------------------------
    // For the stall watchdog: racy reads from its thread

    /** The greenlet whose turn it is, or null outside greenlet turns. */
    Greenlet runningGreenlet() {
        Strand s = current;
        return s.isMain() ? null : s.greenlet();
    }

    /** How many greenlet turns have started. */
    int turnCount() {
        return turns;
    }

    @Override
    public String toString() {
        return "Hub[" + thread.getName() + ", " + pollers.name() + (closed ? ", closed" : "") + "]";
    }
}
