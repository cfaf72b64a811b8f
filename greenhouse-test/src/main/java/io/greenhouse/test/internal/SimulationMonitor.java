package io.greenhouse.test.internal;

import java.util.ArrayList;
import java.util.List;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.SwitchHook;
import io.greenhouse.internal.HarnessHooks;
import io.greenhouse.internal.HubMonitor;
import io.greenhouse.internal.Loop;
import io.greenhouse.test.VirtualClock;
import io.greenhouse.test.internal.net.NetHost;

/**
 * Watches a simulation's hub: records each switch in the trace (virtual time, host, greenlet), ends a greenlet
 * of a crashed host before it can run again, records the first unhandled greenlet failure or dropped hook
 * and wakes the main greenlet to report it, lists the greenlets left alive, and tells a watchdog on another
 * thread which greenlet holds the thread.
 *
 * <p>A global switch hook (held weakly by the hub: the owner keeps this object) and the hub's
 * {@link HubMonitor}.
 *
 * <p>Threading: hub thread only, except {@link #running()}, read by a watchdog.
 */
public final class SimulationMonitor implements SwitchHook, HubMonitor {
    private final Loop loop;                  // immutable
    private final VirtualClock clock;         // immutable
    private final TraceLog trace;             // immutable
    private final SimulatedPoller poller;     // immutable
    private final Greenlet main;              // immutable; the hub's main greenlet
    private String failedGreenlet;            // hub thread; the first failure's greenlet, with its host
    private Throwable failure;                // hub thread; what it died of (or what the dropped hook threw)
    private volatile String running;          // hub thread writes; the greenlet that has the thread, for watchdogs

    /**
     * A monitor of the calling thread's hub, registered with it.
     *
     * @param clock the hub's virtual clock
     * @param trace where switches and failures are recorded, or null
     * @param poller the hub's poller
     */
    public SimulationMonitor(VirtualClock clock, TraceLog trace, SimulatedPoller poller) {
        this.loop = Loop.existing();
        this.clock = clock;
        this.trace = trace;
        this.poller = poller;
        this.main = loop.main().greenlet();
        Scheduler.globalHook(this);
        HarnessHooks.setMonitor(loop, this);
    }

    @Override
    public void onSwitch(Greenlet from, Greenlet to) {
        String name;
        HostLife life = null;
        if (to == main) {
            name = "main";
        } else {
            poller.noteTurn();
            name = to.name();
            life = HostLife.of(to);
            if (life != null && !life.isCurrent()) {
                // A greenlet of a crashed host (scheduled after the crash, or not yet ended): it must not run on.
                Scheduler.end(to);
            }
        }
        running = name;
        trace.append(clock.epochNanos(), "switch", life == null ? null : life.toString(), name, null);
    }

    @Override
    public void unhandledFailure(Greenlet greenlet, Throwable error) {
        HostLife life = HostLife.of(greenlet);
        trace.append(clock.epochNanos(), "failure", life == null ? null : life.toString(), greenlet.name(),
                error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        record(greenlet.name() + (life == null ? "" : " of host " + life) + " died of " + error, error);
    }

    @Override
    public void callbackDropped(String kind, Object callback, Throwable error) {
        trace.append(clock.epochNanos(), "failure", null, null, kind + " threw: " + error);
        record("a " + kind + " threw (and was dropped): " + error, error);
    }

    private void record(String what, Throwable error) {
        if (failure == null) {
            failedGreenlet = what;
            failure = error;
            GreenLockSupport.unpark(main);
        }
    }

    /**
     * What the first failure was, in a sentence, or null.
     *
     * @return the description, or null
     */
    public String failureDescription() {
        return failedGreenlet;
    }

    /**
     * The first failure's throwable, or null.
     *
     * @return the throwable, or null
     */
    public Throwable failure() {
        return failure;
    }

    /** Forgets the recorded failure (it was reported). */
    public void clearFailure() {
        failedGreenlet = null;
        failure = null;
    }

    /**
     * The running greenlet's name for an event, or null during a poll's deliveries or off the hub's thread.
     *
     * @return the name, or null
     */
    public String currentGreenletName() {
        if (poller.isPolling() || loop.thread() != Thread.currentThread()) {
            return null;
        }
        Greenlet g = loop.running().greenlet();
        return g == main ? "main" : g.name();
    }

    /**
     * Every greenlet of the hub that is not dead, oldest first, each as {@code name (host h, state)}.
     *
     * @return one description per live greenlet
     */
    public List<String> describeLive() {
        List<String> out = new ArrayList<>();
        if (loop.isClosed()) {
            return out;
        }
        for (Greenlet g : loop.liveGreenlets()) {
            HostLife life = HostLife.of(g);
            out.add(g.name() + (life == null ? "" : " (host " + life + ")") + " " + g);
        }
        return out;
    }

    /**
     * The live greenlets of {@code host}, oldest first.
     *
     * @param host the host
     * @return its live greenlets
     */
    public List<Greenlet> liveGreenletsOf(NetHost host) {
        List<Greenlet> out = new ArrayList<>();
        for (Greenlet g : loop.liveGreenlets()) {
            HostLife life = HostLife.of(g);
            if (life != null && life.host() == host) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The greenlet that had the last switch; for a watchdog on another thread.
     *
     * @return its name, or null
     */
    public String running() {
        return running;
    }
}
