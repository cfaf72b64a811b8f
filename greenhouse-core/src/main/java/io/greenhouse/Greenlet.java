package io.greenhouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A greenlet: a cooperatively scheduled task run by one {@link Hub}, on that hub's thread (greenhouse's
 * greenlet, on a Quasar fiber).
 *
 * <p>Greenlets are made by {@link Scheduler#greenlet(GreenRunnable)} (not scheduled) and
 * {@link Scheduler#schedule(GreenRunnable)} (scheduled). Each hub also has a {@linkplain Hub#mainGreenlet()
 * main greenlet}: its thread, seen as a greenlet, which drives the loop whenever it blocks.
 * <pre>{@code
 * Greenlet worker = Scheduler.schedule(() -> {
 *     Scheduler.pauseFor(0.1);
 *     System.out.println("done");
 * });
 * worker.join();   // from the main greenlet this runs the loop until worker is dead
 * }</pre>
 *
 * <p>Life cycle: new, then started when its body first runs, then dead when the body returns, throws, or
 * is {@linkplain Scheduler#end ended}. A greenlet ended or given an exception before it started is dead
 * without ever running its body.
 *
 * <p>Threading: {@link #join()} and {@link #join(Duration)} MUST be called on the hub's thread. The
 * queries ({@code isStarted}, {@code isDead}, {@code name}, {@code failure}) may be read from any thread
 * but are only up to date on the hub's thread.
 */
public final class Greenlet {
    static final int NEW = 0;       // never ran, not queued
    static final int QUEUED = 1;    // in the ready, woken or paused queue
    static final int RUNNING = 2;   // has the thread (or, for main, is outside the loop)
    static final int BLOCKED = 3;   // parked; waits for an unpark, a timer or an explicit schedule
    static final int DEAD = 4;

    final Hub hub;               // immutable
    final Object fiber;          // immutable; null for the main greenlet
    private final long id;       // immutable; per hub
    private volatile String name;

    int state;                   // hub thread only
    boolean started;             // hub thread only; its body began
    boolean linked;              // hub thread only; in the hub's live list
    boolean rescheduleOnPark;    // hub thread only; schedule() of a running greenlet: its next park yields
    boolean timedOut;            // hub thread only; its timed park ended by the timer
    boolean failureRethrown;     // hub thread only; Hub.run rethrows the failure, so it is not logged
    boolean stackChecked;        // hub thread only; its first suspension's stack was checked for instrumentation
    Throwable pending;           // hub thread only; thrown at its next turn
    Throwable failure;           // hub thread only; what killed it, or null
    Object blocker;              // hub thread only; what it is parked on, for reports
    HubTimer parkTimer;          // hub thread only; reused by every timed park, armed while one is under way
    Greenlet prevLive;           // hub thread only; live list links
    Greenlet nextLive;
    WeakList<ExceptionHandler> localHandlers;  // hub thread only; lazily created
    WeakList<LocalHook> incomingHooks;
    WeakList<LocalHook> outgoingHooks;
    ArrayList<Greenlet> joiners;               // hub thread only; greenlets in join(), lazily created

    Greenlet(Hub hub, Object fiber, long id, String name) {
        this.hub = hub;
        this.fiber = fiber;
        this.id = id;
        this.name = name;
    }

    /** Whether its body has begun; stays true after death. */
    public boolean isStarted() {
        return started;
    }

    /** Whether it finished, died of a throwable, or was ended. */
    public boolean isDead() {
        return state == DEAD;
    }

    /** Its name: given with {@link #setName}, else {@code greenlet-<n>}, or {@code main(<thread>)}. */
    public String name() {
        String n = name;
        return n != null ? n : "greenlet-" + id;
    }

    /** Sets its name, for logs, deadlock reports and {@link #toString()}. Returns this greenlet. */
    public Greenlet setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The hub that runs it. */
    public Hub hub() {
        return hub;
    }

    /** The throwable it died of; null while alive, if it finished normally, or if it was ended. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits until this greenlet is dead.
     *
     * <p>If it is dead, returns at once. Otherwise the current greenlet is descheduled until one of: this
     * greenlet dies; an exception is scheduled into the current greenlet (thrown from here). Joiners are
     * woken in the order they joined. From the main greenlet this drives the loop.
     *
     * @throws IllegalStateException if called from another thread than the hub's, or by the greenlet itself
     */
    public void join() throws SuspendExecution {
        if (joinCheck()) {
            return;
        }
        Greenlet me = hub.current;
        joiners().add(me);
        try {
            while (state != DEAD) {
                GreenLockSupport.park(this);
            }
        } finally {
            removeJoiner(me);
        }
    }

    /**
     * Waits at most {@code timeout} until this greenlet is dead; returns true if it died in time.
     *
     * <p>As {@link #join()}, with a time limit read from the hub's clock.
     */
    public boolean join(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        if (joinCheck()) {
            return true;
        }
        long deadline = hub.nanosFromNow(Hub.seconds(timeout));
        Greenlet me = hub.current;
        joiners().add(me);
        try {
            while (state != DEAD) {
                if (!GreenLockSupport.parkUntilNanos(this, deadline)) {
                    return state == DEAD;
                }
            }
            return true;
        } finally {
            removeJoiner(me);
        }
    }

    private boolean joinCheck() {
        hub.checkThread();
        if (state == DEAD) {
            return true;
        }
        if (hub.current == this) {
            throw new IllegalStateException(name() + " cannot join itself");
        }
        return false;
    }

    private ArrayList<Greenlet> joiners() {
        if (joiners == null) {
            joiners = new ArrayList<>(2);
        }
        return joiners;
    }

    private void removeJoiner(Greenlet me) {
        if (joiners != null) {
            joiners.remove(me);
        }
    }

    @Override
    public String toString() {
        String s;
        switch (state) {
            case NEW: s = "new"; break;
            case QUEUED: s = started ? "queued" : "scheduled"; break;
            case RUNNING: s = "running"; break;
            case BLOCKED: s = "blocked"; break;
            default: s = "dead"; break;
        }
        return "Greenlet[" + name() + ", " + s + "]";
    }
}
