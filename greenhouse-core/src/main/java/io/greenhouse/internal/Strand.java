package io.greenhouse.internal;

import java.util.ArrayList;

import io.greenhouse.ExceptionHandler;
import io.greenhouse.Greenlet;
import io.greenhouse.GreenletExit;
import io.greenhouse.GreenRunnable;
import io.greenhouse.LocalHook;

/**
 * The loop's record of one greenlet: its life-cycle state machine and everything the hub keeps for it.
 * {@link Greenlet} is its public face.
 *
 * <p>The state machine has one owner, this class; other classes ask ({@link #isDead()}...) and call its named
 * transitions. A greenlet is in exactly one state:
 * <pre>
 *  NEW ──makeRunnable / timer──▶ QUEUED ──turn──▶ RUNNING ──park──▶ BLOCKED ──wake / timeout / makeRunnable──▶ QUEUED
 *                                  ▲                │  │
 *                                  └─────pause──────┘  └──body ends──▶ DEAD
 * </pre>
 * A greenlet given an exception (or ended) before it started goes from QUEUED to DEAD at its turn without
 * running its body. A greenlet's pause passes through PAUSING, from the pause until its suspension ends the
 * turn, which queues it (so the pausing frame does no queue work). The main greenlet is RUNNING outside the loop and QUEUED while it waits for its turn; it
 * never dies. Every entry into a queue goes through {@link RunQueues#enqueue}, the one path that also links the
 * greenlet into the hub's live list.
 *
 * <p>Threading: hub thread only.
 */
public final class Strand {
    private static final int NEW = 0;       // never ran, not queued
    private static final int QUEUED = 1;    // in the ready, woken or paused queue
    private static final int RUNNING = 2;   // has the thread (or, for main, is outside the loop)
    private static final int BLOCKED = 3;   // parked; waits for a wake, a timer or makeRunnable
    private static final int DEAD = 4;
    private static final int PAUSING = 5;   // paused in its turn, still on the thread; the turn's end queues it

    final Loop loop;                        // immutable
    private final Greenlet greenlet;        // immutable; the public face
    private final Coroutine coroutine;      // immutable; null only for the main greenlet

    private int state;                      // hub thread only; one of the constants above
    private boolean started;                // hub thread only; its body began
    private boolean rescheduleOnPark;       // hub thread only; makeRunnable while running: its next park yields;
                                            // cleared when that park (or a pause) returns
    private boolean timedOut;               // hub thread only; its timed park was ended by the timer
    private boolean failureRethrown;        // hub thread only; Hub.run rethrows its failure, so it is not logged
    private Throwable pending;              // hub thread only; thrown at its next turn
    private Throwable failure;              // hub thread only; what killed it, or null
    private Object blocker;                 // hub thread only; what it is parked on, for reports
    private HubTimer parkTimer;             // hub thread only; reused by every timed park, armed during one
    private Object[] context;               // hub thread only; ContextKey values, copy-on-write, inherited
    private ArrayList<Strand> joiners;      // hub thread only; greenlets in join(), lazily made
    private WeakList<ExceptionHandler> localHandlers;  // hub thread only; lazily made
    private WeakList<LocalHook> incomingHooks;         // hub thread only; lazily made
    private WeakList<LocalHook> outgoingHooks;         // hub thread only; lazily made
    boolean linked;                         // hub thread only; written by LiveList: in the live list
    Strand prevLive;                        // hub thread only; written by LiveList
    Strand nextLive;                        // hub thread only; written by LiveList

    /**
     * The record of {@code greenlet}, which runs {@code body} (null for the main greenlet), with the inherited
     * {@code context}. Called by {@link Greenlet}'s constructor, through the hub's greenlet factory.
     *
     * @param loop the loop of the greenlet's hub
     * @param greenlet the public face, under construction
     * @param body what it runs, or null for the main greenlet
     * @param context the context it inherits, or null
     */
    public Strand(Loop loop, Greenlet greenlet, GreenRunnable body, Object[] context) {
        this.loop = loop;
        this.greenlet = greenlet;
        this.context = context;
        if (body == null) {
            this.coroutine = null;
            this.state = RUNNING;
            this.started = true;
        } else {
            this.coroutine = loop.backend().create(body);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Queries

    /**
     * The public face of this greenlet.
     *
     * @return the greenlet
     */
    public Greenlet greenlet() {
        return greenlet;
    }

    /**
     * The hub's loop this greenlet belongs to.
     *
     * @return the loop
     */
    public Loop loop() {
        return loop;
    }

    /**
     * Whether this is the hub's main greenlet (its thread, which parks by running the loop).
     *
     * @return true for the main greenlet
     */
    public boolean isMain() {
        return coroutine == null;
    }

    /**
     * Whether its body has begun; stays true after death.
     *
     * @return true once its body began
     */
    public boolean isStarted() {
        return started;
    }

    /**
     * Whether it finished, died or was ended.
     *
     * @return true once dead
     */
    public boolean isDead() {
        return state == DEAD;
    }

    /**
     * What it died of; null while alive, after a normal end, or after it was ended.
     *
     * @return the throwable, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The body it runs, for {@code scheduleRecurring(interval, greenlet)}; the main greenlet has none.
     *
     * @return the body
     */
    public GreenRunnable body() {
        if (coroutine == null) {
            throw new IllegalArgumentException("the main greenlet has no body to run: " + greenlet);
        }
        return loop.backend().body(coroutine);
    }

    Coroutine coroutine() {
        return coroutine;
    }

    /** What it is parked on, or null; for deadlock reports. */
    Object blocker() {
        return blocker;
    }

    boolean isBlocked() {
        return state == BLOCKED;
    }

    boolean isQueued() {
        return state == QUEUED;
    }

    /**
     * The state's name, for {@link Greenlet#toString()}.
     *
     * @return {@code new}, {@code scheduled}, {@code queued}, {@code running}, {@code blocked} or {@code dead}
     */
    public String stateName() {
        switch (state) {
            case NEW: return "new";
            case QUEUED: return started ? "queued" : "scheduled";
            case RUNNING:
            case PAUSING: return "running";
            case BLOCKED: return "blocked";
            default: return "dead";
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Named transitions of the API

    /**
     * Greenhouse's {@code schedule(g)}: a new or blocked greenlet joins the paused queue (a blocked one wakes
     * early, as greenhouse's duplicate queue entries do); a running one yields at its next park; a queued or
     * dead one is left alone.
     */
    public void makeRunnable() {
        switch (state) {
            case NEW:
            case BLOCKED:
                loop.queues.enqueue(this, RunQueues.PAUSED);
                break;
            case RUNNING:
                rescheduleOnPark = true;
                break;
            default:
                break;
        }
    }

    /**
     * Wakes a blocked greenlet into the woken queue (a primitive or the poller woke it); false if it was not blocked.
     *
     * @return true if it was blocked and is now woken
     */
    public boolean wake() {
        if (state != BLOCKED) {
            return false;
        }
        loop.queues.enqueue(this, RunQueues.WOKEN);
        return true;
    }

    /**
     * Delivers {@code exception}: it is thrown, unwrapped, from the call the greenlet is suspended in, at its
     * next turn, which this makes runnable now (or at {@code deadline}, if that is not {@link HubClock#NEVER}).
     * The caller has checked that it is not dead.
     *
     * @param exception what it throws, as it is
     * @param deadline when it becomes runnable, in epoch nanoseconds, or {@link HubClock#NEVER} for now
     */
    public void deliver(Throwable exception, long deadline) {
        pending = exception;
        if (deadline == HubClock.NEVER) {
            makeRunnable();
        } else {
            makeRunnableAt(deadline);
        }
    }

    /**
     * Delivers {@code exception} as {@link #deliver} does, unless an exception is pending already: then that one
     * stays (it is thrown first) and the greenlet is only made runnable. Returns whether {@code exception} was
     * delivered. The loop hands the main greenlet interrupts and fail-fast failures this way.
     *
     * @param exception what it throws, as it is
     * @return true if {@code exception} is the one it throws next
     */
    public boolean deliverIfNonePending(Throwable exception) {
        boolean delivered = pending == null;
        if (delivered) {
            pending = exception;
        }
        makeRunnable();
        return delivered;
    }

    /** Ends it: {@link GreenletExit} at its next turn; nothing if it is dead. */
    public void end() {
        if (state != DEAD) {
            deliver(new GreenletExit(), HubClock.NEVER);
        }
    }

    /**
     * Makes it runnable when {@code deadline} (epoch nanoseconds) is due, as {@link #makeRunnable} would then.
     *
     * @param deadline when, in nanoseconds since the epoch on the hub's clock
     */
    public void makeRunnableAt(long deadline) {
        loop.addTimer(new HubTimer(HubTimer.SCHEDULE, this, null), deadline);
    }

    /**
     * Whether {@code Hub.run} rethrows its failure (so a failure nobody handles is not logged or surfaced): true
     * while {@code Hub.run} waits for it, false again if {@code Hub.run} ends first.
     *
     * @param rethrown whether {@code Hub.run} waits for it and rethrows its failure
     */
    public void rethrowsFailure(boolean rethrown) {
        failureRethrown = rethrown;
    }

    /**
     * Registers a joiner, woken when this greenlet dies.
     *
     * @param joiner the greenlet that waits in {@code join}
     */
    public void addJoiner(Strand joiner) {
        if (joiners == null) {
            joiners = new ArrayList<>(2);
        }
        joiners.add(joiner);
    }

    /**
     * Forgets a joiner that stopped waiting.
     *
     * @param joiner the greenlet that waited in {@code join}
     */
    public void removeJoiner(Strand joiner) {
        if (joiners != null) {
            joiners.remove(joiner);
        }
    }

    /**
     * Its local exception handlers, made on first use.
     *
     * @return its local handlers
     */
    public WeakList<ExceptionHandler> localHandlers() {
        if (localHandlers == null) {
            localHandlers = new WeakList<>();
        }
        return localHandlers;
    }

    /**
     * Its local incoming hooks, made on first use.
     *
     * @return its incoming hooks
     */
    public WeakList<LocalHook> incomingHooks() {
        if (incomingHooks == null) {
            incomingHooks = new WeakList<>();
        }
        return incomingHooks;
    }

    /**
     * Its local outgoing hooks, made on first use.
     *
     * @return its outgoing hooks
     */
    public WeakList<LocalHook> outgoingHooks() {
        if (outgoingHooks == null) {
            outgoingHooks = new WeakList<>();
        }
        return outgoingHooks;
    }

    /**
     * Its context: ContextKey and value pairs, never modified in place (copy on write); null if empty.
     *
     * @return its context, or null
     */
    public Object[] context() {
        return context;
    }

    /**
     * Replaces its context; the greenlets it creates from now on inherit the new one.
     *
     * @param context the new context, or null; not modified afterwards
     */
    public void setContext(Object[] context) {
        this.context = context;
    }

    // ------------------------------------------------------------------------------------------------
    // Transitions of the loop

    /** Into a queue; only {@link RunQueues#enqueue} calls this. */
    void toQueued() {
        state = QUEUED;
    }

    /**
     * The current greenlet (not main) pauses and is about to suspend: the end of its turn queues it as paused,
     * so that the suspending frame does no queue work.
     */
    void pausingInTurn() {
        rescheduleOnPark = false;
        state = PAUSING;
    }

    /**
     * The current greenlet parks on {@code blocker}; returns true if it must rather pause (it was
     * made runnable during its turn), false if it is now blocked.
     */
    boolean parking(Object blocker) {
        this.blocker = blocker;
        if (rescheduleOnPark) {
            return true;   // the flag is cleared when the park returns (unparked), so that a cancelled park keeps it
        }
        state = BLOCKED;
        return false;
    }

    /** The timer of a timed park, made on first use; the park is not timed out yet. */
    HubTimer parkTimer() {
        HubTimer t = parkTimer;
        if (t == null) {
            t = parkTimer = new HubTimer(HubTimer.PARK_TIMEOUT, this, null);
        }
        timedOut = false;
        return t;
    }

    /** Its timed park's deadline passed: true if it was still blocked (it then times out). */
    boolean timeOut() {
        if (state != BLOCKED) {
            return false;
        }
        timedOut = true;
        return true;
    }

    /** Whether a timer's makeRunnableAt finds it waiting to be made runnable (new or blocked). */
    boolean isWaitingToRun() {
        return state == NEW || state == BLOCKED;
    }

    /**
     * Back from a park or a pause: throws the pending exception, if any. The park or pause satisfied a
     * makeRunnable of its turn ({@link #makeRunnable} while running), which is forgotten here.
     */
    void unparked() {
        blocker = null;
        rescheduleOnPark = false;
        Throwable t = pending;
        if (t != null) {
            pending = null;
            throw Sneaky.rethrow(t);
        }
    }

    /**
     * The backend could not suspend it after the park's or pause's bookkeeping (a pinned continuation), which
     * the loop took out of the queues: it runs on as if it had not parked, its park timer disarmed and a
     * makeRunnable of its turn still pending.
     */
    void parkCancelled(TimerHeap timers) {
        state = RUNNING;
        blocker = null;
        timedOut = false;
        if (parkTimer != null) {
            timers.remove(parkTimer);
        }
    }

    /** Back from a timed park: disarms its timer and says whether it ended in time; then as {@link #unparked}. */
    boolean unparkedInTime(TimerHeap timers) {
        boolean inTime = !timedOut;
        timedOut = false;
        if (parkTimer != null) {
            timers.remove(parkTimer);
        }
        unparked();
        return inTime;
    }

    /** The main greenlet's turn came back, or the loop failed under it: it has the thread again. */
    void mainRuns() {
        state = RUNNING;
        blocker = null;
        rescheduleOnPark = false;
    }

    /**
     * Its turn: QUEUED to RUNNING, then runs until it parks, pauses or ends. A greenlet given an exception
     * before it started does not start. Returns whether its body ended (or never started): it must then die.
     */
    boolean takeTurn() {
        state = RUNNING;
        if (started) {
            loop.backend().resume(coroutine);
        } else if (pending != null) {
            Throwable t = pending;
            pending = null;
            failure = t instanceof GreenletExit ? null : t;
            return true;
        } else {
            started = true;
            loop.backend().start(coroutine);
        }
        if (state == PAUSING) {
            loop.queues.enqueue(this, RunQueues.PAUSED);
            return false;
        }
        return state == RUNNING;
    }

    /**
     * RUNNING to DEAD after its body ended; returns what it died of ({@link GreenletExit} is no failure), and
     * hands the joiners to {@code wake}.
     */
    Throwable die(TimerHeap timers) {
        if (started) {
            Throwable t = loop.backend().failure(coroutine);
            failure = t instanceof GreenletExit ? null : t;
        }
        state = DEAD;
        pending = null;
        if (parkTimer != null) {
            timers.remove(parkTimer);
        }
        if (joiners != null) {
            for (Strand j : joiners) {
                j.wake();
            }
        }
        return failure;
    }

    /** Whether a failure nobody handles should be logged (it is not when Hub.run rethrows it). */
    boolean logsUnhandledFailure() {
        return !failureRethrown;
    }

    /** Hub closing: {@link GreenletExit} at its next turn, made runnable if it waits. */
    void endForClose() {
        if (state != DEAD) {
            pending = new GreenletExit("hub closed");
            if (state == NEW || state == BLOCKED) {
                loop.queues.enqueue(this, RunQueues.PAUSED);
            }
        }
    }

    WeakList<ExceptionHandler> localHandlersOrNull() {
        return localHandlers;
    }

    WeakList<LocalHook> incomingHooksOrNull() {
        return incomingHooks;
    }

    WeakList<LocalHook> outgoingHooksOrNull() {
        return outgoingHooks;
    }

    @Override
    public String toString() {
        return greenlet.toString();
    }
}
