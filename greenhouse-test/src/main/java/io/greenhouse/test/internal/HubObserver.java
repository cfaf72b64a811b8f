package io.greenhouse.test.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.greenhouse.ExceptionHandler;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.SwitchHook;
import io.greenhouse.test.VirtualClock;
import io.greenhouse.test.internal.net.NetHost;

/**
 * Watches a harness hub: records each switch in the trace, remembers every greenlet that ran (to list
 * leaks), records the first greenlet that died of a throwable and wakes the main greenlet to report it, and
 * tells a watchdog on another thread which greenlet holds the thread.
 *
 * <p>Registered as a global switch hook and a global exception handler of the hub; hooks are held weakly,
 * so the owner keeps this object.
 *
 * <p>Threading: hub thread only, except {@link #running()}, read by a watchdog.
 */
public final class HubObserver implements SwitchHook, ExceptionHandler {
    private final Hub hub;                    // immutable
    private final VirtualClock clock;         // immutable
    private final TraceLog trace;             // immutable; null: no trace
    private final GreenletHosts hosts;        // immutable
    private final SimulatedPoller poller;     // immutable
    private final List<Greenlet> seen = new ArrayList<>();                  // hub thread; first-turn order
    private final Map<Greenlet, Boolean> seenSet = new IdentityHashMap<>(); // hub thread; lookups only
    private int compactAt = 1024;             // hub thread; prune dead greenlets from seen at this size
    private Greenlet failed;                  // hub thread; the first greenlet that died of a throwable
    private Throwable failure;                // hub thread; what it died of
    private boolean recordFailures = true;    // hub thread
    private volatile String running;          // hub thread writes; the greenlet that has the thread, for watchdogs

    /** An observer of {@code hub}; call {@link #install()} on the hub's thread to start watching. */
    public HubObserver(Hub hub, VirtualClock clock, TraceLog trace, GreenletHosts hosts, SimulatedPoller poller) {
        this.hub = hub;
        this.clock = clock;
        this.trace = trace;
        this.hosts = hosts;
        this.poller = poller;
    }

    /** Registers this observer with the calling thread's hub, which must be the observed one. */
    public void install() {
        Scheduler.globalHook(this);
        Scheduler.globalExceptionHandler(this);
    }

    /** Whether greenlet failures are recorded (and fail the run); false for tests about failures. */
    public void recordFailures(boolean on) {
        recordFailures = on;
    }

    @Override
    public void onSwitch(Greenlet from, Greenlet to) {
        Greenlet main = hub.mainGreenlet();
        if (to != main) {
            poller.noteTurn();
            if (seenSet.put(to, Boolean.TRUE) == null) {
                seen.add(to);
                if (seen.size() >= compactAt) {
                    compact();
                }
            }
        }
        String name = nameOf(to);
        running = name;
        if (trace != null) {
            NetHost h = hosts.hostOf(to);
            trace.append(clock.epochNanos(), "switch", h == null ? null : h.name(), name, null);
        }
    }

    @Override
    public void handle(Greenlet greenlet, Throwable error) {
        if (trace != null) {
            NetHost h = hosts.hostOf(greenlet);
            trace.append(clock.epochNanos(), "failure", h == null ? null : h.name(), nameOf(greenlet),
                    error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }
        if (recordFailures && failure == null) {
            failed = greenlet;
            failure = error;
            GreenLockSupport.unpark(hub.mainGreenlet());
        }
    }

    /** The first greenlet that died of a throwable, or null. */
    public Greenlet failedGreenlet() {
        return failed;
    }

    /** What {@link #failedGreenlet()} died of, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Forgets the recorded failure (it was reported). */
    public void clearFailure() {
        failed = null;
        failure = null;
    }

    /** {@code main} for the main greenlet (its name carries the thread's), else the greenlet's name. */
    public String nameOf(Greenlet g) {
        return g == hub.mainGreenlet() ? "main" : g.name();
    }

    /**
     * Every greenlet of the hub that is not dead, each as {@code name (host h, state)}, in the order they first
     * ran; greenlets that never ran are counted at the end.
     */
    public List<String> describeLive() {
        List<String> out = new ArrayList<>();
        int known = 0;
        for (Greenlet g : seen) {
            if (!g.isDead()) {
                known++;
                NetHost h = hosts.hostOf(g);
                out.add(g.name() + (h == null ? "" : " (host " + h.name() + ")") + " " + g);
            }
        }
        int unknown = hub.liveGreenlets() - known;
        if (unknown > 0) {
            out.add(unknown + (unknown == 1 ? " greenlet" : " greenlets") + " scheduled but never run");
        }
        return out;
    }

    /** The greenlet that had the last switch; for a watchdog on another thread. */
    public String running() {
        return running;
    }

    private void compact() {
        seen.removeIf(g -> {
            if (g.isDead()) {
                seenSet.remove(g);
                return true;
            }
            return false;
        });
        compactAt = Math.max(1024, seen.size() * 2);
    }
}
