package io.greenhouse;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Sneaky;
import io.greenhouse.internal.backend.Backends;

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
 * <p>Work runs only while the main greenlet blocks. A thread that schedules greenlets and never makes a
 * blocking call of this API afterwards (a {@code pause}, a {@code join}, {@link #run}...) runs none of them:
 * they stay scheduled until its next blocking call, or until {@link #close()} ends them. To hand work to a hub
 * that another thread drives, use {@link #execute(Runnable)}.
 *
 * <h2>Failures</h2>
 * A throwable that escapes a greenlet's body goes to its local exception handlers, then the global ones
 * (greenhouse's rule), and the loop goes on. With no handler registered it is logged at {@code WARNING}
 * under {@code io.greenhouse.scheduler}, unless this hub is <em>fail-fast</em> ({@link #setFailFast(boolean)},
 * or {@code -Dio.greenhouse.failFast=true} for every new hub): then the first such failure ends the main
 * greenlet's current blocking call, which throws it, the same instance, unwrapped; a {@link #run} call
 * therefore throws it too. A {@link NotInstrumentedException} (a programming error: the code cannot suspend
 * correctly) always ends the main greenlet's blocking call that way, handled or not, fail-fast or not. To
 * wait for one greenlet and get its failure, use {@link Greenlet#joinOrThrow()}.
 * <pre>{@code
 * Hub.current().setFailFast(true);
 * Scheduler.schedule(() -> { throw new IllegalStateException("broken"); });
 * Scheduler.pauseFor(1);   // throws IllegalStateException("broken") at once
 * }</pre>
 *
 * <h2>Interrupts</h2>
 * An interrupt of the hub's thread ends the main greenlet's current blocking call with
 * {@link HubInterruptedException}, at the loop's next refill (within the current batch of greenlets, at the
 * latest once the hub would wait), and the thread's interrupt status stays set; greenlets blocked on I/O wake
 * with {@link java.io.InterruptedIOException}, other greenlets keep waiting. While the status is set, every
 * blocking call of the main greenlet ends that way: clear it ({@link Thread#interrupted()}) to use the hub
 * again. So a test framework's timeout, which interrupts the test's thread, stops a test blocked in
 * {@code pauseFor}. With {@link Scheduler#setIgnoreInterrupts(boolean) setIgnoreInterrupts(true)} the hub
 * ignores interrupts instead: its poller clears the status and everything keeps waiting. {@link #close()} is
 * not interrupted.
 *
 * <h2>Threading</h2>
 * All methods MUST be called on the hub's thread, except {@link #execute(Runnable)}, {@link #keepAlive(boolean)},
 * {@link #thread()}, {@link #isClosed()} and {@link #toString()}, which any thread may call. A call from another
 * thread throws {@link IllegalStateException}.
 *
 * <h2>Closing</h2>
 * {@link #close()} ends every greenlet and detaches the hub from its thread. A task handed over with
 * {@code execute} either runs (on this hub, before {@code close} returns, if it was accepted while the hub
 * closed) or is refused with {@link RejectedExecutionException}; none is dropped without a word.
 */
public final class Hub implements Executor, AutoCloseable {
    /**
     * The system property that makes every new hub fail-fast when set to {@code true}:
     * {@value #FAIL_FAST_PROPERTY} (see {@link #setFailFast(boolean)}).
     */
    public static final String FAIL_FAST_PROPERTY = Loop.FAIL_FAST_PROPERTY;

    private final Loop loop;   // immutable; the engine

    private Hub(Clock clock, ContinuationBackend backend, Poller poller) {
        this.loop = new Loop(this, new HubClock(clock), backend,
                (l, body, id, context) -> new Greenlet(l, body, id, context).strand());
        loop.open(poller);
    }

    // ------------------------------------------------------------------------------------------------
    // Lookup and creation

    /**
     * The calling thread's hub, created on first use with the system clock and the best available poller.
     *
     *
     * @return the calling thread's hub
     * @throws IllegalStateException if greenlet code cannot run because nothing instruments it (neither the
     *         Quasar agent nor build-time instrumentation): the message says how to fix it
     */
    public static Hub current() {
        Loop l = Loop.existing();
        return l != null ? l.hub() : create(Clock.systemUTC(), null);
    }

    /**
     * Creates the calling thread's hub with the given clock and poller (a virtual clock and a simulated
     * poller, in tests). Timers, {@link Scheduler#time()} and every timeout read {@code clock}; the poller
     * is asked to wait for exactly the time left until the first timer, in that clock's nanoseconds.
     *
     *
     * @param clock  the clock every timer reads
     * @param poller the poller, or null for the best available one ({@link Scheduler#resetPoller()})
     * @return the new hub, now the calling thread's
     * @throws IllegalStateException if the thread already has an open hub; close it first
     */
    public static Hub install(Clock clock, Poller poller) {
        Objects.requireNonNull(clock, "clock");
        if (Loop.existing() != null) {
            throw new IllegalStateException("thread " + Thread.currentThread().getName()
                    + " already has a hub: close it (Hub.current().close()) before installing another");
        }
        return create(clock, poller);
    }

    private static Hub create(Clock clock, Poller poller) {
        ContinuationBackend backend = Backends.SELECTED;
        String problem = backend.unavailabilityReason();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return new Hub(clock, backend, poller);
    }

    /**
     * Runs {@code main} as a greenlet of the calling thread's hub ({@link Scheduler#current()} inside it is
     * that greenlet) and drives the loop until it is dead. The hub stays open.
     * <pre>{@code
     * public static void main(String[] args) throws Exception {
     *     Hub.run(() -> {
     *         Greenlet worker = Scheduler.schedule(() -> Scheduler.pauseFor(0.1));
     *         worker.joinOrThrow();
     *     });
     * }
     * }</pre>
     *
     * <p>If {@code main} dies of a throwable, its exception handlers run and then this rethrows it, unwrapped
     * (checked exceptions and errors included), and it is not logged. This also ends, with {@code main} still
     * alive, by what ends the main greenlet's blocking calls: a {@link DeadlockException}, a
     * {@link HubInterruptedException}, another greenlet's failure on a fail-fast hub (see the class comment).
     *
     * @param main the body to run as a greenlet
     * @throws Exception what {@code main} died of, or what ended the wait for it
     * @throws IllegalStateException if called from a greenlet of this hub, or if the hub cannot be created
     */
    public static void run(GreenRunnable main) throws Exception {
        Objects.requireNonNull(main, "main");
        Loop l = current().loop;
        l.checkThread();
        Greenlet g = l.newGreenlet(main, l.running().context());
        g.strand().rethrowsFailure(true);
        g.strand().makeRunnable();
        try {
            g.join();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        } finally {
            if (!g.isDead()) {
                g.strand().rethrowsFailure(false);   // nobody waits for it now: its failure takes the usual path
            }
        }
        Throwable failure = g.failure();
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Public instance API

    /**
     * The thread that owns this hub. Any thread may call this.
     *
     * @return the hub's thread
     */
    public Thread thread() {
        return loop.thread();
    }

    /**
     * This hub's main greenlet: its thread, seen as a greenlet.
     *
     * @return the main greenlet of this hub
     */
    public Greenlet mainGreenlet() {
        return loop.main().greenlet();
    }

    /**
     * The clock every timer of this hub reads.
     *
     * @return the hub's clock
     */
    public Clock clock() {
        return loop.clock().clock();
    }

    /**
     * Whether {@link #close()} was called. Any thread may call this.
     *
     * @return true once {@link #close()} was called
     */
    public boolean isClosed() {
        return loop.isClosed();
    }

    /**
     * How many greenlets of this hub were scheduled and are not yet dead.
     *
     * @return the number of live greenlets, the main greenlet not counted
     */
    public int liveGreenlets() {
        loop.checkThread();
        return loop.liveCount();
    }

    /**
     * The name of the poller in use, such as {@code "epoll"} or {@code "portable"}.
     *
     * @return the poller's name
     */
    public String pollerName() {
        loop.checkThread();
        return loop.pollerName();
    }

    /**
     * Hands {@code task} to this hub: it runs in a new greenlet of this hub, on the hub's thread, and is
     * woken like a greenlet woken by I/O. Safe from any thread; wakes the hub's poller. The task runs, or this
     * throws: a task accepted while the hub closes runs before {@link #close()} returns.
     *
     * @throws RejectedExecutionException if the hub is closed or closing
     */
    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /**
     * While {@code true}, an idle hub waits for {@link #execute} work from other threads instead of
     * reporting a {@link DeadlockException}. Any thread may call this.
     *
     * @param keepAlive whether the hub waits for work from other threads when it has nothing else to do
     */
    public void keepAlive(boolean keepAlive) {
        loop.keepAlive(keepAlive);
    }

    /**
     * Makes this hub fail-fast, or not: while it is, a greenlet failure that no exception handler takes ends
     * the main greenlet's current blocking call, which throws it (see "Failures" in the class comment), instead
     * of being logged. A hub starts fail-fast if the system property {@value #FAIL_FAST_PROPERTY} was
     * {@code true} when it was created; the default is off, greenhouse's behaviour.
     *
     * <p>If several greenlets fail before the main greenlet's turn comes, it throws the first; the others are
     * logged. Failures while the hub closes are logged, not thrown.
     *
     * @param failFast whether unhandled greenlet failures end the main greenlet's blocking call
     * @throws IllegalStateException if called from another thread than the hub's, or once it is closed
     */
    public void setFailFast(boolean failFast) {
        loop.checkThread();
        loop.setFailFast(failFast);
    }

    /**
     * Whether this hub is fail-fast ({@link #setFailFast(boolean)}).
     *
     * @return true if a greenlet failure no handler takes ends the main greenlet's blocking call
     */
    public boolean isFailFast() {
        return loop.isFailFast();
    }

    /**
     * Closes this hub: ends every greenlet ({@link GreenletExit} is thrown into each at its suspension
     * point, so their {@code finally} blocks run; greenlets that never started die without running), runs the
     * tasks {@link #execute} accepted meanwhile, discards handlers, hooks and timers, closes the poller, and
     * detaches the hub from its thread, whose next call gets a fresh hub. Closing a closed hub does nothing.
     *
     * @throws IllegalStateException if called from another thread, or from inside a greenlet of this hub
     */
    @Override
    public void close() {
        loop.close();
    }

    /** Any thread may call this. */
    @Override
    public String toString() {
        return loop.toString();
    }

    // ------------------------------------------------------------------------------------------------

    /** The engine, for {@code Scheduler}, {@code GreenLockSupport} and {@code Greenlet}. */
    Loop loop() {
        return loop;
    }

    /** The calling thread's open hub's engine, after the thread check. */
    static Loop checkedLoop() {
        Loop l = Loop.current();
        l.checkThread();
        return l;
    }
}
