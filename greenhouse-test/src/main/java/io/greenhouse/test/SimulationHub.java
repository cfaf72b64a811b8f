package io.greenhouse.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.DeadlockException;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.LocalHook;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.HarnessHooks;
import io.greenhouse.internal.Loop;
import io.greenhouse.test.internal.BuggifySites;
import io.greenhouse.test.internal.HarnessHubs;
import io.greenhouse.test.internal.SeededRandom;
import io.greenhouse.test.internal.Seeds;
import io.greenhouse.test.internal.SimulatedPoller;
import io.greenhouse.test.internal.SimulationMonitor;
import io.greenhouse.test.internal.SimulationStop;
import io.greenhouse.test.internal.TraceLog;
import io.greenhouse.test.internal.net.NetHost;

/**
 * The hub of one {@link Simulation} and the main greenlet's loop that drives it.
 *
 * <p>Life cycle: installed on the calling thread at the simulation's first use (a host, a start, a run),
 * kept across partial runs, released (closed, the thread left with no hub) when {@code run()} returns or a
 * run throws, or abandoned when another simulation takes the thread while this one is unfinished. Released
 * is final.
 *
 * <p>The loop ({@link #drive}): check for a recorded greenlet failure and for the goal, else park the main
 * greenlet, which runs the hub until something wakes it: a host's main greenlet ending (a local outgoing
 * hook), a greenlet failure (the monitor), the quiescence wakeup of {@code runUntil}, or a timed park's end.
 * Whatever stops the hub (a deadlock, the time limit, an abort) becomes a {@link SimulationException} with
 * the seed, and releases the hub.
 *
 * <p>Threading: the simulation's thread, except {@link #abort} and {@link #runningGreenlet}.
 */
final class SimulationHub {
    private static final ThreadLocal<SimulationHub> CURRENT = new ThreadLocal<>();

    private final Simulation sim;             // immutable
    private final VirtualClock clock;         // immutable
    private final TraceLog log;               // immutable
    private final SimulatedPoller poller;     // immutable
    private final SeededRandom timerTies;     // sim thread; null: timers due together run in the order set
    private final BuggifySites buggify;       // immutable reference
    private final LocalHook hostMainEnds;     // immutable; held here because hooks are weakly referenced
    private final Object runBlocker;          // immutable; what the main greenlet parks on during a run
    private Hub hub;                          // sim thread; installed, or null
    private volatile SimulationMonitor monitor;   // written by the sim thread; read by the wall-clock watchdog
    private boolean released;                 // sim thread; the hub was released: the simulation is over
    private boolean abandoned;                // sim thread; released because another simulation took the thread
    private List<String> leaks = List.of();   // sim thread; greenlets alive when run() ended

    SimulationHub(Simulation sim, VirtualClock clock, TraceLog log, SimulatedPoller poller, SeededRandom timerTies,
                  BuggifySites buggify) {
        this.sim = sim;
        this.clock = clock;
        this.log = log;
        this.poller = poller;
        this.timerTies = timerTies;
        this.buggify = buggify;
        this.hostMainEnds = (direction, g) -> {
            if (g.isDead() && hub != null) {
                GreenLockSupport.unpark(hub.mainGreenlet());
            }
        };
        String seed = Seeds.hex(sim.seed());
        this.runBlocker = new Object() {
            @Override
            public String toString() {
                return "the simulation's run (seed " + seed + ")";
            }
        };
        poller.onTakeover(this::abandoned);
    }

    /** The buggify sites of the simulation whose hub the calling thread runs, or null. */
    static BuggifySites currentBuggifySites() {
        SimulationHub h = CURRENT.get();
        return h == null ? null : h.buggify;
    }

    // ------------------------------------------------------------------------------------------------
    // Life cycle

    /** Installs the hub on the calling thread, once; checks the thread afterwards. */
    void install() {
        if (hub != null) {
            checkThread();
            return;
        }
        if (released) {
            throw new IllegalStateException("this simulation (seed " + Seeds.hex(sim.seed()) + ") has ended and "
                    + "released its hub" + (abandoned ? " (another simulation took its thread before it finished)" : "")
                    + "; build a new one to run again");
        }
        String owner = "the simulation (seed " + Seeds.hex(sim.seed()) + ")";
        Loop loop = HarnessHubs.install(clock, poller, owner);
        HarnessHooks.forbidForeignExecute(loop, owner + " runs on one thread: work handed over from another would make "
                + "the run depend on real time; do that work in a greenlet of the simulation");
        if (timerTies != null) {
            HarnessHooks.orderTimerTies(loop, timerTies::nextLong);
        }
        hub = loop.hub();
        monitor = new SimulationMonitor(clock, log, poller);
        CURRENT.set(this);
    }

    /** Closes the hub (its greenlets are ended) and leaves the thread without one. */
    void release() {
        if (hub == null) {
            released = true;
            return;
        }
        Hub h = hub;
        poller.release();
        CURRENT.remove();
        try {
            h.close();
        } finally {
            hub = null;
            released = true;
        }
    }

    /** Another simulation took the thread while this one was unfinished: this one is over. */
    private void abandoned() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
        hub = null;
        released = true;
        abandoned = true;
    }

    /** Throws if the hub is installed on another thread than the caller's. */
    void checkThread() {
        if (hub != null && hub.thread() != Thread.currentThread()) {
            throw new IllegalStateException("this simulation runs on thread " + hub.thread().getName()
                    + " and was used from thread " + Thread.currentThread().getName()
                    + ": a simulation and its greenlets belong to one thread");
        }
    }

    boolean isInstalled() {
        return hub != null;
    }

    /** Makes {@code g}, a host's new main greenlet, wake the run when it ends. */
    void watchHostMain(Greenlet g) {
        Scheduler.localOutgoingHook(hostMainEnds, g);
    }

    /** The greenlet to name in a network event: the running one, or null during a poll's deliveries. */
    String currentGreenletName() {
        SimulationMonitor m = monitor;
        return hub == null || m == null ? null : m.currentGreenletName();
    }

    /** The live greenlets of {@code host}, oldest first; none before the hub is installed. */
    List<Greenlet> liveGreenletsOf(NetHost host) {
        return hub == null ? List.of() : monitor.liveGreenletsOf(host);
    }

    /** For the JUnit extension: lists the greenlets still alive and releases the hub, if it is installed. */
    List<String> finish() {
        if (hub == null) {
            return leaks;
        }
        checkThread();
        List<String> live = monitor.describeLive();
        release();
        return live;
    }

    /** The next poll stops the run. Any thread may call this. */
    void abort(String reason) {
        poller.abort(reason);
    }

    /** The greenlet that last had the thread, or null. Any thread may call this. */
    String runningGreenlet() {
        SimulationMonitor m = monitor;
        return m == null ? null : m.running();
    }

    // ------------------------------------------------------------------------------------------------
    // Runs

    /** Runs until every host's main greenlet is dead, records the leaks, releases the hub. */
    void run() {
        drive(this::hostMainsDead, this::park, false);
        leaks = monitor.describeLive();
        release();
    }

    /** Installs the hub and runs for {@code duration} of virtual time; see {@link Simulation#runFor}. */
    void runFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is negative: " + duration);
        }
        install();
        runUntilTime(Math.addExact(clock.epochNanos(), duration.toNanos()));
    }

    /** Runs until the virtual time is {@code deadline} (epoch nanos) or later. */
    private void runUntilTime(long deadline) {
        drive(() -> clock.epochNanos() >= deadline,
                () -> GreenLockSupport.parkFor(runBlocker, (deadline - clock.epochNanos()) / 1e9), false);
    }

    /** Runs until {@code condition} holds at a quiescent point; false if nothing can happen and it does not. */
    boolean runUntil(BooleanSupplier condition) {
        install();
        poller.wakeAtQuiescence(hub.mainGreenlet());
        try {
            return drive(condition, this::park, true);
        } finally {
            poller.wakeAtQuiescence(null);
        }
    }

    @FunctionalInterface
    private interface Wait {
        void await() throws SuspendExecution;
    }

    private void park() throws SuspendExecution {
        GreenLockSupport.park(runBlocker);
    }

    /**
     * The main greenlet's loop of every run: checks for failures and the goal, waits (which runs the hub),
     * and turns whatever stops the run into a {@link SimulationException}, releasing the hub.
     *
     * @return whether the goal was reached (false only when nothing can happen and {@code falseWhenDone})
     */
    private boolean drive(BooleanSupplier goal, Wait wait, boolean falseWhenDone) {
        install();
        if (Scheduler.current() != hub.mainGreenlet()) {
            throw new IllegalStateException("run(), runFor() and runUntil() are called by the test itself, not by "
                    + "a greenlet of the simulation (" + Scheduler.current().name() + ")");
        }
        try {
            for (;;) {
                checkFailure();
                if (goal.getAsBoolean()) {
                    return true;
                }
                try {
                    wait.await();
                } catch (DeadlockException e) {
                    checkFailure();
                    if (goal.getAsBoolean()) {
                        return true;
                    }
                    if (falseWhenDone && hostMainsDead()) {
                        return false;
                    }
                    throw failure("deadlock: nothing can happen any more while " + waitingHostMains() + " wait. "
                            + e.getMessage(), null);
                }
            }
        } catch (SimulationStop e) {
            throw failure(stopMessage(e), null);
        } catch (SimulationException e) {
            throw e;
        } catch (SuspendExecution e) {
            throw new AssertionError("the main greenlet never suspends", e);
        } catch (RuntimeException | Error e) {
            throw failure("the run failed: " + e, e);
        }
    }

    private String stopMessage(SimulationStop e) {
        switch (e.kind()) {
            case TIME_LIMIT:
                return "time limit: the run reached its virtual time limit of " + sim.timeLimit() + " at "
                        + clock.instant() + " (Simulation.Builder.timeLimit) with " + waitingHostMains() + " still running";
            case ABORTED:
                return "stopped: " + e.getMessage();
            default:
                return e.getMessage();
        }
    }

    /** Throws the recorded greenlet failure (or dropped hook), if any, as a SimulationException. */
    private void checkFailure() {
        SimulationMonitor m = monitor;
        Throwable t = m.failure();
        if (t != null) {
            String what = m.failureDescription();
            m.clearFailure();
            throw failure(what, t);
        }
    }

    /** A SimulationException for the current run; releases the hub first. */
    private SimulationException failure(String problem, Throwable cause) {
        SimulationException e = new SimulationException(sim.seed(), sim.trace(),
                problem + " (at virtual " + clock.instant() + ")", cause);
        release();
        return e;
    }

    private boolean hostMainsDead() {
        for (SimHost h : sim.hosts()) {
            Greenlet g = h.mainGreenlet;
            if (g != null && !g.isDead()) {
                return false;
            }
        }
        return true;
    }

    private String waitingHostMains() {
        List<String> names = new ArrayList<>();
        for (SimHost h : sim.hosts()) {
            Greenlet g = h.mainGreenlet;
            if (g != null && !g.isDead()) {
                names.add(g.name());
            }
        }
        return names.isEmpty() ? "no host main greenlet" : "the main greenlets of hosts " + names;
    }
}
