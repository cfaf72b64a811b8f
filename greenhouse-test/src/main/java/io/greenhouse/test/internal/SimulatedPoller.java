package io.greenhouse.test.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import io.greenhouse.DeadlockException;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.Scheduler;
import io.greenhouse.test.VirtualClock;
import io.greenhouse.test.internal.net.NetHost;
import io.greenhouse.test.internal.net.NetObject;
import io.greenhouse.test.internal.net.Network;

/**
 * The poller of a hub on virtual time: it never waits, it moves the clock.
 *
 * <h2>A poll</h2>
 * Asked to wait at most {@code timeout} (the time to the hub's first timer, or no limit), it takes the
 * earliest of that timer and the network's next event, moves the {@link VirtualClock} there, makes every
 * network event due by then happen in (time, rank, sequence) order, and dispatches the wakeups they caused
 * (in that order, or in a seeded permutation with {@code Schedule.RANDOM}). A poll with timeout 0 only
 * delivers what is due. So the clock moves only here, only forward, and only as far as the next thing that
 * can happen.
 *
 * <h2>Stops</h2>
 * A poll throws {@link SimulationStop} instead when the move would pass the virtual time limit, when another
 * thread asked the run to stop ({@link #abort}, the wall-clock limit), or when a thread other than the hub's
 * called {@link Hub#execute} (work from another thread would make the run depend on real time). The hub
 * rethrows it from the main greenlet's blocking call. When nothing at all can happen the hub itself reports
 * a {@link DeadlockException}, asking {@link #describeWait} what each greenlet waits for; a hub kept alive
 * for {@code Hub.execute} would wait for real time, which a simulation reports as a deadlock too, while a
 * plain virtual-time hub (no network) waits for the other thread's wakeup.
 *
 * <h2>Partial runs</h2>
 * With {@link #wakeAtQuiescence} set, the first poll that would move the clock after any greenlet turn wakes
 * that greenlet (the main one, in {@code runUntil}) instead, so it can check its condition at each point where
 * the current instant's work is done.
 *
 * <p>The one conversion of the poller SPI's timeout to nanoseconds is {@link #timeoutNanos(double)}.
 *
 * <p>Threading: hub thread only, except {@link #wakeup()} and {@link #abort(String)}.
 */
public final class SimulatedPoller implements Poller {
    /** No deadline. */
    public static final long NONE = Long.MAX_VALUE;

    private final VirtualClock clock;          // immutable
    private final Network network;             // immutable; null for a hub with timers only
    private final SeededRandom wakeOrder;      // hub thread; null: wakeups in the order they were caused
    private final TraceLog trace;              // immutable; null: no trace
    private final GreenletHosts hosts;         // immutable
    private SimulatedTransport transport = SimulatedTransport.NONE;  // hub thread
    private final List<NetObject> ready = new ArrayList<>();         // hub thread; scratch for dispatch
    private Hub hub;                           // hub thread; set by attach
    private volatile Thread thread;            // set once by attach; read by wakeup on any thread
    private long limitNanos = NONE;            // hub thread; the virtual time limit
    private Greenlet quiescenceWaiter;         // hub thread; woken before the clock moves, or null
    private boolean checkedAtQuiescence;       // hub thread; the waiter was woken and nothing ran since
    private boolean released;                  // hub thread; the owner closes the hub: no more stops
    private boolean polling;                   // hub thread; inside poll: deliveries belong to no greenlet
    private boolean replaced;                  // hub thread; closed by the hub while the owner still used it
    private Runnable onTakeover;               // hub thread; told when another harness hub takes the thread
    private volatile String abortReason;       // any thread; the next poll stops the run
    private volatile String foreignWakeup;     // any thread; a Hub.execute from another thread
    private volatile boolean wakeupPending;    // any thread; for the idle wait of a plain hub

    /**
     * A poller for {@code clock}.
     *
     * @param network   the simulated network, or null for timers only ({@code @GreenhouseTest})
     * @param wakeOrder the stream that permutes the wakeups of one poll, or null for their own order
     * @param trace     where clock moves are recorded, or null
     * @param hosts     which host each greenlet belongs to, for deadlock reports
     */
    public SimulatedPoller(VirtualClock clock, Network network, SeededRandom wakeOrder, TraceLog trace,
                           GreenletHosts hosts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.network = network;
        this.wakeOrder = wakeOrder;
        this.trace = trace;
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    /**
     * The poller SPI's timeout in nanoseconds: 0 stays 0, negative (no timer) is -1, and a positive one is
     * rounded to the nearest nanosecond but at least 1, so that the clock lands exactly on a timer's deadline
     * (the hub computes the timeout from a deadline in nanoseconds).
     */
    static long timeoutNanos(double seconds) {
        if (seconds == 0) {
            return 0;
        }
        if (seconds < 0) {
            return -1;
        }
        double n = Math.rint(seconds * 1e9);
        return n >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, (long) n);
    }

    @Override
    public void attach(Hub hub) {
        if (this.hub != null && this.hub != hub) {
            throw new IllegalStateException("a poller serves one hub only: " + this + " already serves " + this.hub);
        }
        this.hub = hub;
        this.thread = hub.thread();
    }

    @Override
    public void poll(double timeoutSeconds, boolean ignoreInterrupts) {
        poll(timeoutNanos(timeoutSeconds));
    }

    /** {@link #poll(double, boolean)} with the timeout in nanoseconds: 0 do not wait, negative no timer. */
    void poll(long timeoutNanos) {
        polling = true;
        try {
            pollNanos(timeoutNanos);
        } finally {
            polling = false;
        }
    }

    private void pollNanos(long timeoutNanos) {
        checkStops();
        long now = clock.epochNanos();
        if (timeoutNanos == 0) {
            deliver(now);
            return;
        }
        if (quiescenceWaiter != null && !checkedAtQuiescence) {
            checkedAtQuiescence = true;
            GreenLockSupport.unpark(quiescenceWaiter);
            return;
        }
        long timer = timeoutNanos < 0 ? NONE : saturatedAdd(now, timeoutNanos);
        long event = network == null ? NONE : network.nextEventTime();
        long target = Math.min(timer, event);
        if (target == NONE) {
            idle();
            return;
        }
        if (target > limitNanos) {
            if (limitNanos > now) {
                moveTo(now, limitNanos, "time limit");
            }
            throw new SimulationStop(SimulationStop.Kind.TIME_LIMIT, "the virtual time limit was reached");
        }
        if (target > now) {
            moveTo(now, target, target == event ? "network" : "timer");
        }
        deliver(target);
    }

    private void moveTo(long now, long target, String why) {
        clock.advanceTo(Instant.ofEpochSecond(0, target));
        checkedAtQuiescence = false;
        if (trace != null) {
            StringBuilder sb = new StringBuilder("+");
            TraceLog.appendTime(sb, target - now);
            trace.append(target, "clock", null, null, sb.append(" to ").append(why).toString());
        }
    }

    private void deliver(long now) {
        if (network == null) {
            return;
        }
        if (network.deliverDue(now) > 0) {
            checkedAtQuiescence = false;
        }
        network.takeWakeups(ready);
        if (ready.isEmpty()) {
            return;
        }
        if (wakeOrder != null && ready.size() > 1) {
            wakeOrder.shuffle(ready);
        }
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).dispatch();
        }
        ready.clear();
    }

    /** Nothing can happen by itself: the hub is kept alive for work from other threads. */
    private void idle() {
        if (network != null) {
            throw new DeadlockException("the hub is kept alive for Hub.execute (Hub.keepAlive(true)), but in a "
                    + "simulation nothing may come from another thread, and nothing else can ever happen");
        }
        // A plain virtual-time hub: wait for the other thread's Hub.execute, in real time.
        while (!wakeupPending) {
            LockSupport.park(this);
            Thread.interrupted();
        }
        wakeupPending = false;
    }

    private void checkStops() {
        if (released) {
            return;
        }
        String abort = abortReason;
        if (abort != null) {
            abortReason = null;
            throw new SimulationStop(SimulationStop.Kind.ABORTED, abort);
        }
        String foreign = foreignWakeup;
        if (foreign != null) {
            foreignWakeup = null;
            throw new SimulationStop(SimulationStop.Kind.FOREIGN_THREAD, "Hub.execute was called from thread "
                    + foreign + ": a simulation runs on one thread, and work handed over from another would "
                    + "make the run depend on real time; run that work in a greenlet of the simulation");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? NONE : r;
    }

    /** Called by {@link Hub#execute} from another thread: an error in a simulation; plain hubs wake up. */
    @Override
    public void wakeup() {
        if (Thread.currentThread() != thread && network != null && !released) {
            foreignWakeup = Thread.currentThread().getName();
        }
        unparkOwner();
    }

    private void unparkOwner() {
        wakeupPending = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean hasPendingWork() {
        return (network != null && network.hasPendingWork())
                || (!released && (abortReason != null || foreignWakeup != null));
    }

    @Override
    public String describeWait(Greenlet greenlet) {
        NetHost host = hosts.hostOf(greenlet);
        String io = transport.describeWait(greenlet);
        if (host == null) {
            return io;
        }
        return "host " + host.name() + (io == null ? "" : ", " + io);
    }

    /**
     * The hub drops this poller. Unless the owner released it, that is {@code Scheduler.resetPoller} inside a
     * simulation: a real poller would wait in real time for a virtual clock that no longer moves, so the
     * greenlet that did it gets an exception at its next suspension, which fails the run.
     */
    @Override
    public void close() {
        if (released || replaced) {
            return;
        }
        replaced = true;
        Greenlet g = GreenLockSupport.current();
        if (g != hub.mainGreenlet()) {
            Scheduler.scheduleException(new IllegalStateException("Scheduler.resetPoller() inside a simulation "
                    + "or virtual-time hub: only the simulated poller can run on virtual time"), g);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Control by the owner (the simulation or the @GreenhouseTest extension)

    /** The virtual time (epoch nanos) past which a poll stops the run; {@link #NONE} for no limit. */
    public void setTimeLimit(long epochNanos) {
        this.limitNanos = epochNanos;
    }

    /** Wakes {@code waiter} at each quiescent point instead of moving the clock; null to stop. */
    public void wakeAtQuiescence(Greenlet waiter) {
        this.quiescenceWaiter = waiter;
        this.checkedAtQuiescence = false;
    }

    /** A greenlet had a turn: the next quiescent point is a new one. Called by the owner's switch hook. */
    public void noteTurn() {
        checkedAtQuiescence = false;
    }

    /** Makes the next poll stop the run with {@code reason}. Any thread may call this. */
    public void abort(String reason) {
        abortReason = Objects.requireNonNull(reason, "reason");
        unparkOwner();
    }

    /** {@code action} runs when another harness hub takes this poller's thread over. */
    public void onTakeover(Runnable action) {
        this.onTakeover = action;
    }

    /** Another harness hub takes the thread: the owner is told, and the hub may be closed. */
    public void takeOver() {
        release();
        if (onTakeover != null) {
            onTakeover.run();
        }
    }

    /** The owner is about to close the hub: no more stops, so that closing runs to the end. */
    public void release() {
        released = true;
    }

    /** Whether the hub dropped this poller for another one ({@code Scheduler.resetPoller}) while in use. */
    public boolean wasReplaced() {
        return replaced;
    }

    /** Sets the transport that puts sockets on the simulated network, for reports of what greenlets wait on. */
    public void setTransport(SimulatedTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Whether a poll is under way: what happens now happens in the network, not in a greenlet. */
    public boolean isPolling() {
        return polling;
    }

    /** The simulated network, or null. */
    public Network network() {
        return network;
    }

    /** Which host each greenlet belongs to. */
    public GreenletHosts hosts() {
        return hosts;
    }

    @Override
    public String toString() {
        return network == null ? "virtual-time poller" : "simulated poller";
    }
}
