package io.greenhouse.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import io.greenhouse.DeadlockException;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.HubInterruptedException;
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
 * runs this loop on its own thread ({@link #runLoop}) until its entry comes up.
 *
 * <p>Wakeup from other threads: {@link #execute} queues a task in a lock-free inbox and wakes the poller; the
 * loop turns each task into a greenlet at its next refill, in the woken queue. Cancellation is greenhouse's:
 * an exception delivered to a greenlet is thrown from its park at its next turn.
 *
 * <p>What reaches the main greenlet: an interrupt of the hub's thread (unless interrupts are ignored), seen at
 * each refill and after each poll, and a greenlet failure that {@link #die} surfaces (every
 * {@link NotInstrumentedException}; with fail-fast, any failure no handler took) are delivered to the main
 * greenlet like a scheduled exception, so its blocking call throws them at its next turn. Not while closing.
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
    private boolean failFast = Boolean.getBoolean(FAIL_FAST_PROPERTY);  // hub thread only
    private boolean closing;             // hub thread only; close() is under way or done
    private volatile boolean keepAlive;  // any thread
    private volatile boolean closed;     // written on the hub thread; close() finished

    /** Makes the public face and the record of each greenlet: {@code Greenlet}'s constructor, given by {@code Hub}. */
    @FunctionalInterface
    public interface GreenletFactory {
        /**
         * A new greenlet of {@code loop} running {@code body} (null for the main greenlet); returns its record.
         *
         * @param loop the loop the greenlet belongs to
         * @param body its body, or null for the main greenlet
         * @param id its number, unique in the hub, for its default name
         * @param context the context it inherits, or null for none
         * @return the new greenlet's record
         */
        Strand create(Loop loop, GreenRunnable body, long id, Object[] context);
    }

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
    // The park protocol, for the park call sites

    /**
     * The current greenlet pauses, for {@code Scheduler.pause}. A greenlet other than main is checked and marked
     * pausing (its turn's end queues it) and true is returned: the caller then suspends, and calls
     * {@link #endParkOfRunning} when resumed. The main greenlet queues itself and runs the loop until its turn
     * comes back, and false is returned (an exception delivered meanwhile is thrown).
     *
     * @return true if the caller must suspend
     */
    public boolean pauseRunning() {
        Strand s = current;
        if (s.isMain()) {
            pauseMain(s);
            return false;
        }
        backend.checkSuspension(s.coroutine());
        s.pausingInTurn();
        return true;
    }

    private void pauseMain(Strand main) {
        beginPause(main);
        runLoop();
        endPark(main);
    }

    /**
     * The current greenlet parks on {@code blocker}, for {@code GreenLockSupport.park}: as {@link #pauseRunning},
     * true if the caller must suspend, false once the main greenlet's loop gave it its turn back.
     *
     * @param blocker what it waits on, for deadlock reports
     * @return true if the caller must suspend
     */
    public boolean parkRunning(Object blocker) {
        Strand s = current;
        beginPark(s, blocker);
        if (s.isMain()) {
            runLoop();
            endPark(s);
            return false;
        }
        return true;
    }

    /** After a greenlet's park: throws the exception delivered to it, if any. */
    public void endParkOfRunning() {
        current.unparked();
    }

    /*
     * The untimed park sites' bodies call these three, and so does every call site of Scheduler.pause() and
     * GreenLockSupport.park(Object) in instrumented code: Quasar's instrumentation inlines the sites' bodies into
     * their callers (greenhouse-quasar's ParkSiteInliner), which then reach the loop through here.
     */

    /**
     * {@link #pauseRunning} of the calling thread's loop.
     *
     * @return true if the caller must suspend
     */
    public static boolean pauseCurrent() {
        return current().pauseRunning();
    }

    /**
     * {@link #parkRunning} of the calling thread's loop.
     *
     * @param blocker what it waits on, for deadlock reports
     * @return true if the caller must suspend
     */
    public static boolean parkCurrent(Object blocker) {
        return current().parkRunning(blocker);
    }

    /** {@link #endParkOfRunning} of the calling thread's loop. */
    public static void endParkOfCurrent() {
        current().endParkOfRunning();
    }

    /**
     * The current greenlet pauses: it joins the paused queue. The caller then suspends.
     *
     * @param s the greenlet's record; the one whose turn it is
     */
    public void beginPause(Strand s) {
        checkCanPark(s);
        queues.enqueue(s, RunQueues.PAUSED);
    }

    /**
     * The current greenlet blocks on {@code blocker}. The caller then suspends.
     *
     * @param s the greenlet's record; the one whose turn it is
     * @param blocker what it waits on, for deadlock reports
     */
    public void beginPark(Strand s, Object blocker) {
        checkCanPark(s);
        if (s.parking(blocker)) {
            queues.enqueue(s, RunQueues.PAUSED);
        }
    }

    /**
     * The current greenlet blocks on {@code blocker} until {@code deadline} at the latest ({@link HubClock#NEVER}:
     * no limit).
     *
     * @param s the greenlet's record; the one whose turn it is
     * @param blocker what it waits on, for deadlock reports
     * @param deadline when the park ends at the latest, in nanoseconds since the epoch on the hub's clock
     */
    public void beginTimedPark(Strand s, Object blocker, long deadline) {
        beginPark(s, blocker);
        HubTimer t = s.parkTimer();
        if (deadline != HubClock.NEVER) {
            queues.timers.add(t, deadline);
        }
    }

    /**
     * After a park: throws the exception delivered to the greenlet, if any.
     *
     * @param s the greenlet's record; the one whose turn it is
     */
    public void endPark(Strand s) {
        s.unparked();
    }

    /**
     * After a timed park: disarms its timer, throws the delivered exception; true unless it timed out.
     *
     * @param s the greenlet's record; the one whose turn it is
     * @return false if the timer ended the park, true otherwise
     */
    public boolean endTimedPark(Strand s) {
        return s.unparkedInTime(queues.timers);
    }

    /**
     * The backend could not suspend the current greenlet after {@code beginPause} or {@code beginPark} (its
     * continuation is pinned): the greenlet runs on as if it had not called them, out of every queue, its park
     * timer disarmed. The backend then throws from the suspending call.
     *
     * @param s the greenlet's record; the one whose turn it is
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
            failed(s, failure, "died of an exception");
        }
    }

    /**
     * The one path of a greenlet's failure: its handlers first (greenhouse's rule); then a
     * {@link NotInstrumentedException} (a programming error), or with fail-fast a failure no handler took, is
     * delivered to the main greenlet, whose blocking call throws it; an unhandled failure that is not is logged.
     * The failure of a {@code Hub.run} body only goes to the handlers: {@code Hub.run} rethrows it.
     */
    private void failed(Strand s, Throwable failure, String what) {
        boolean handled = callbacks.handleException(failure, s);
        if (!s.logsUnhandledFailure()) {
            return;
        }
        boolean surfaced = !closing && (failure instanceof NotInstrumentedException || (failFast && !handled))
                && main.deliverIfNonePending(failure);
        if (!handled) {
            callbacks.unhandled(s, failure, what, surfaced);
        }
    }

    /**
     * A failure of the running greenlet that it survives, such as a {@code OneWayPool} worker's function that
     * threw: it takes the path of a greenlet's death ({@link #failed}).
     *
     * @param failure what the running greenlet's work failed with
     */
    public void failedInTurn(Throwable failure) {
        failed(current, failure, "failed with an exception");
    }

    /**
     * The hub's thread is interrupted: unless interrupts are ignored, the main greenlet's blocking call ends with
     * {@link HubInterruptedException} at its next turn (the interrupt status stays set). Not while closing.
     */
    private void checkInterrupt() {
        if (thread.isInterrupted() && !ignoreInterrupts && !closing) {
            interruptMain();   // out of line: this check runs at every refill and must stay small to inline
        }
    }

    private void interruptMain() {
        main.deliverIfNonePending(new HubInterruptedException("the hub's thread " + thread.getName() + " was "
                + "interrupted, which ends the main greenlet's blocking call (the interrupt status stays set: "
                + "clear it with Thread.interrupted() before blocking again, or call "
                + "Scheduler.setIgnoreInterrupts(true) to have the hub ignore interrupts)"));
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
        checkInterrupt();
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
            checkInterrupt();
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
     *
     * @param task the work to run on the hub's thread
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
     *
     * @param reason why other threads may not hand work over, for the exception's message; or null
     */
    public void forbidForeignExecute(String reason) {
        inbox.banForeign(reason);
    }

    /**
     * From now on, replacing the poller ({@code Scheduler.resetPoller}) throws {@link IllegalStateException}
     * with {@code reason} (null allows it again): a simulation keeps its simulated poller, and no real one
     * can be brought in.
     *
     * @param reason why the poller may not be replaced, for the exception's message; or null
     */
    public void lockPoller(String reason) {
        pollers.lock(reason);
    }

    /**
     * Timers set from now on that fall due at the same instant run in the order of the values {@code order}
     * draws for them (lowest first) instead of the order they were set; null restores that order. A seeded
     * simulation permutes such ties: on a real clock, deadlines that virtual time makes equal differ by chance.
     * Nothing else of the run order changes.
     *
     * @param order draws one value per timer set, or null for the order they were set
     */
    public void orderTimerTies(LongSupplier order) {
        queues.timers.orderTiesBy(order);
    }

    /**
     * Installs the monitor that hears of dropped callbacks and unhandled failures; null removes it.
     *
     * @param monitor the monitor, or null
     */
    public void setMonitor(HubMonitor monitor) {
        callbacks.monitor = monitor;
    }

    /**
     * A deadlock report: {@code why}, then every waiting greenlet with its blocker, what the poller says it
     * waits for and its context. For a simulated poller that finds nothing will ever happen.
     *
     * @param why the first sentence: why nothing can happen again
     * @return the report, for a {@link io.greenhouse.DeadlockException}
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
