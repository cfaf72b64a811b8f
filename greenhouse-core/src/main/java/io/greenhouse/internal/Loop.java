package io.greenhouse.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

import io.greenhouse.DeadlockException;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.NotInstrumentedException;
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
 * runs this loop on its own thread ({@link Turns#runLoop}) until its entry comes up.
 *
 * <p>Wakeup from other threads: {@link #execute} queues a task in a lock-free inbox and wakes the poller; the
 * loop turns each task into a greenlet at its next refill, in the woken queue. Cancellation is greenhouse's:
 * an exception delivered to a greenlet is thrown from its park at its next turn.
 *
 * <p>What reaches the main greenlet: an interrupt of the hub's thread (unless interrupts are ignored), seen at
 * each refill and after each poll, and a greenlet failure that its death surfaces (every
 * {@link NotInstrumentedException}; with fail-fast, any failure no handler took) are delivered to the main
 * greenlet like a scheduled exception, so its blocking call throws them at its next turn. Not while closing.
 *
 * <p>Parts. This class holds the hub's state, its lookup, settings, closing and hooks; {@link Turns} is the turn
 * and refill engine and the one path of a greenlet's failure; {@link Parks} is the park protocol, whose untimed
 * entry points for instrumented code ({@link #pauseCurrent}, {@link #parkCurrent}, {@link #endParkOfCurrent})
 * stay here; {@link RunQueues} holds the queues and timers, {@link Inbox} the work from other threads,
 * {@link PollerSlot} the poller, {@link Callbacks} the hooks and handlers, {@link DeadlockReport} the
 * description of the waiting greenlets.
 *
 * <p>Threading: every method runs on the hub's thread, except {@link #execute}, {@link #keepAlive},
 * {@link #thread()}, {@link #isClosed()} and the watchdog's racy reads. Internal: not API.
 */
public final class Loop {
    /** The system property that turns fail-fast on for every new hub: {@code io.greenhouse.failFast}. */
    public static final String FAIL_FAST_PROPERTY = "io.greenhouse.failFast";

    private static final ThreadLocal<Loop> LOOPS = new ThreadLocal<>();
    /** The last loop looked up; a racy but safe cache (thread is final) for the one-hub case. */
    private static Loop lastLoop;

    // The fields that are not private are read directly by this loop's parts (Turns, Parks, HarnessHooks): no
    // accessor frame on the switch path. After the constructor, Turns alone writes current, last, inLoop, turns.
    private final Hub hub;                // immutable; the public face
    final Thread thread;                  // immutable
    final Strand main;                    // immutable
    final HubClock clock;                 // immutable
    final ContinuationBackend backend;    // immutable
    final GreenletFactory factory;        // immutable
    final Inbox inbox;                    // any thread; work handed over with execute
    final PollerSlot pollers = new PollerSlot();    // hub thread only; execute() reads it to wake the poller
    final RunQueues queues;                         // hub thread only
    final Callbacks callbacks = new Callbacks();    // hub thread only

    Strand current;              // hub thread only; whose turn it is (main outside turns)
    Strand last;                 // hub thread only; who had the previous turn
    boolean inLoop;              // hub thread only; the loop runs (main is inside a blocking call)
    long nextId = 1;             // hub thread only; greenlet ids, per hub
    int turns;                   // hub thread writes; read racily by StallWatchdog; turns so far
    boolean ignoreInterrupts;    // hub thread only
    boolean failFast = Boolean.getBoolean(FAIL_FAST_PROPERTY);  // hub thread only
    boolean closing;             // hub thread only; close() is under way or done
    volatile boolean keepAlive;  // any thread
    private volatile boolean closed;     // written on the hub thread; close() finished

    /**
     * The engine of {@code hub}, owned by the calling thread; {@link #open} then makes it the thread's loop.
     * Called by {@code Hub}, which checked that the thread has none and that {@code backend} is available.
     *
     * @param hub the public face this loop serves
     * @param clock the hub's clock
     * @param backend the continuation backend that runs the greenlets; available
     * @param factory makes each greenlet's public face and record
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
     *
     * @param poller the poller to attach, or null for the best available one
     */
    public void open(Poller poller) {
        pollers.install(poller, hub);
        LOOPS.set(this);
        lastLoop = this;
        StallWatchdog.watch(this);
    }

    // ------------------------------------------------------------------------------------------------
    // Lookup

    /**
     * The calling thread's loop; its hub is created on first use ({@link Hub#current()}).
     *
     * @return the loop of the calling thread's hub
     */
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

    /**
     * The calling thread's loop, or null if it has no open hub.
     *
     * @return the loop of the calling thread's open hub, or null
     */
    public static Loop existing() {
        Loop l = lastLoop;
        return l != null && l.thread == Thread.currentThread() ? l : LOOPS.get();
    }

    // ------------------------------------------------------------------------------------------------
    // What the hub is made of

    /**
     * The public face. Any thread.
     *
     * @return the hub
     */
    public Hub hub() {
        return hub;
    }

    /**
     * The hub's thread. Any thread.
     *
     * @return the thread that owns the hub
     */
    public Thread thread() {
        return thread;
    }

    /**
     * The main greenlet's record.
     *
     * @return the main greenlet's record
     */
    public Strand main() {
        return main;
    }

    /**
     * The greenlet whose turn it is; the main greenlet outside turns.
     *
     * @return the running greenlet's record
     */
    public Strand running() {
        return current;
    }

    /**
     * The hub's clock, in nanoseconds.
     *
     * @return the clock
     */
    public HubClock clock() {
        return clock;
    }

    /**
     * The continuation backend that runs this hub's greenlets.
     *
     * @return the backend
     */
    public ContinuationBackend backend() {
        return backend;
    }

    /**
     * The hooks and handlers.
     *
     * @return the hub's callbacks
     */
    public Callbacks callbacks() {
        return callbacks;
    }

    /**
     * Whether {@link #close()} finished. Any thread.
     *
     * @return true once the hub is closed
     */
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

    /**
     * Checks that {@code s} belongs to this hub.
     *
     * @param s a greenlet's record, from a public argument
     */
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
     *
     * @param body its body
     * @param context the context it inherits (the creator's), or null
     * @return the new greenlet
     */
    public Greenlet newGreenlet(GreenRunnable body, Object[] context) {
        return factory.create(this, body, nextId++, context).greenlet();
    }

    /**
     * How many greenlets were scheduled and are not yet dead.
     *
     * @return the number of live greenlets, the main greenlet not counted
     */
    public int liveCount() {
        return queues.live.count();
    }

    /**
     * The greenlets that were scheduled and are not yet dead, oldest first: for leak checks and harnesses.
     *
     * @return a snapshot of the live greenlets
     */
    public List<Greenlet> liveGreenlets() {
        return queues.live.greenlets();
    }

    LiveList live() {
        return queues.live;
    }

    /**
     * Makes {@code s} runnable in the current refill, at a due timer's place: a recurring run.
     *
     * @param s the greenlet of a recurring run, new
     */
    public void readyNow(Strand s) {
        queues.enqueue(s, RunQueues.READY);
    }

    // ------------------------------------------------------------------------------------------------
    // Timers

    /**
     * A timer that runs {@code action} on the loop when due (recurring runs); arm it with {@link #addTimer}.
     *
     * @param action what to run, on the loop, when the timer is due; it must not block
     * @return the timer, not armed
     */
    public HubTimer actionTimer(Runnable action) {
        return new HubTimer(HubTimer.ACTION, null, Objects.requireNonNull(action, "action"));
    }

    /**
     * Arms {@code t} for {@code deadline} (epoch nanoseconds, hub clock).
     *
     * @param t the timer
     * @param deadline when it is due, in nanoseconds since the epoch on the hub's clock
     */
    public void addTimer(HubTimer t, long deadline) {
        queues.addTimer(t, deadline);
    }

    /**
     * Disarms {@code t} if it is armed.
     *
     * @param t the timer
     */
    public void removeTimer(HubTimer t) {
        queues.timers.remove(t);
    }

    // ------------------------------------------------------------------------------------------------
    // The park protocol (Parks) and the turns (Turns)

    /*
     * The untimed park sites' bodies call these three, and so does every call site of Scheduler.pause() and
     * GreenLockSupport.park(Object) in instrumented code: Quasar's instrumentation inlines the sites' bodies into
     * their callers (greenhouse-quasar's ParkSiteInliner), which then reach the loop through here. Their class,
     * names and signatures are fixed by that.
     */

    /**
     * The running greenlet of the calling thread's loop pauses, for {@code Scheduler.pause}. A greenlet other than
     * main is checked and marked pausing (its turn's end queues it) and true is returned: the caller then
     * suspends, and calls {@link #endParkOfCurrent} when resumed. The main greenlet queues itself and runs the loop
     * until its turn comes back, and false is returned (an exception delivered meanwhile is thrown).
     *
     * @return true if the caller must suspend
     */
    public static boolean pauseCurrent() {
        return Parks.pause(current());
    }

    /**
     * The running greenlet of the calling thread's loop parks on {@code blocker}, for
     * {@code GreenLockSupport.park}: as {@link #pauseCurrent}, true if the caller must suspend, false once the main
     * greenlet's loop gave it its turn back.
     *
     * @param blocker what it waits on, for deadlock reports
     * @return true if the caller must suspend
     */
    public static boolean parkCurrent(Object blocker) {
        return Parks.park(current(), blocker);
    }

    /** After a park of the calling thread's running greenlet: throws the exception delivered to it, if any. */
    public static void endParkOfCurrent() {
        current().current.unparked();
    }

    /**
     * The backend could not suspend the current greenlet after it began a pause or park (its continuation is
     * pinned): the greenlet runs on as if it had not, out of every queue, its park timer disarmed. The backend
     * then throws from the suspending call.
     *
     * @param s the greenlet's record; the one whose turn it is
     */
    public void cancelPark(Strand s) {
        Parks.cancelPark(this, s);
    }

    /**
     * A failure of the running greenlet that it survives, such as a {@code OneWayPool} worker's function that
     * threw: it takes the path of a greenlet's death.
     *
     * @param failure what the running greenlet's work failed with
     */
    public void failedInTurn(Throwable failure) {
        Turns.failed(this, current, failure, "failed with an exception");
    }

    // ------------------------------------------------------------------------------------------------
    // Other threads, keep-alive and closing

    /**
     * Hands {@code task} to the hub from any thread: it runs in a new greenlet, woken like one woken by I/O.
     * The task runs, or this throws {@link RejectedExecutionException}: never both, never neither ({@link Inbox}).
     * A task accepted while the hub closes runs during the close.
     *
     *
     * @param task the work to run on the hub's thread
     * @throws RejectedExecutionException if the hub is closing or closed
     * @throws IllegalStateException from another thread while a harness forbids it
     *         ({@link HarnessHooks#forbidForeignExecute})
     */
    public void execute(Runnable task) {
        if (inbox.submit(task)) {
            Poller p = pollers.current;
            if (p != null) {
                p.wakeup();
            }
        }
    }

    /**
     * While {@code true}, an idle hub waits for {@link #execute} work instead of reporting a deadlock. Any thread.
     *
     * @param on whether an idle hub waits for work from other threads
     */
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
        closing = true;
        inbox.shutDown();
        for (int round = 0; round < 3 && (queues.live.count() > 0 || !inbox.isEmpty()); round++) {
            for (Strand s : queues.live.snapshot()) {
                s.endForClose();
            }
            queues.enqueue(main, RunQueues.PAUSED);   // one pass: main's turn comes after everything runnable now
            Turns.runLoop(this);
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

    /**
     * The poller in use; null once the hub is closed.
     *
     * @return the poller, or null
     */
    public Poller poller() {
        return pollers.current;
    }

    /**
     * The name of the poller in use, such as {@code "epoll"}.
     *
     * @return the poller's name
     */
    public String pollerName() {
        return pollers.name();
    }

    /**
     * Whether an interrupt of the hub's thread is ignored by I/O waits.
     *
     * @return true if interrupts are ignored
     */
    public boolean ignoresInterrupts() {
        return ignoreInterrupts;
    }

    /**
     * See {@code Scheduler.setIgnoreInterrupts(boolean)}.
     *
     * @param flag whether to ignore interrupts
     */
    public void setIgnoreInterrupts(boolean flag) {
        ignoreInterrupts = flag;
    }

    /**
     * Whether a greenlet failure no handler takes is delivered to the main greenlet ({@code Hub.setFailFast}).
     *
     * @return true if the hub is fail-fast
     */
    public boolean isFailFast() {
        return failFast;
    }

    /**
     * See {@code Hub.setFailFast(boolean)}.
     *
     * @param on whether the hub is fail-fast
     */
    public void setFailFast(boolean on) {
        failFast = on;
    }

    /**
     * Replaces the poller with {@code replacement}, or the best available one if null; the old one is closed.
     *
     *
     * @param replacement the poller to install, or null for the best available one
     * @throws IllegalStateException while a harness locks the poller ({@link HarnessHooks#lockPoller})
     */
    public void resetPoller(Poller replacement) {
        pollers.install(replacement, hub);
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
