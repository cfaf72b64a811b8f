package io.greenhouse.internal;

import java.util.ArrayDeque;

/**
 * A hub's run queues and timers, and greenhouse's refill order ({@code _hit_poller}): greenlets woken since
 * the last refill (by I/O, primitives, or work from other threads), in wake order; then due timers, by deadline
 * and then in the order set; then greenlets made runnable or paused since the last refill. The loop pops the
 * ready queue one greenlet at a time and refills it when it is empty.
 *
 * <p>{@link #enqueue} is the one path into a queue: the greenlet becomes QUEUED and joins the live list.
 * Queues are FIFO {@link ArrayDeque}s: no allocation per switch in steady state.
 *
 * <p>Threading: hub thread only.
 */
final class RunQueues {
    static final int WOKEN = 0;
    static final int PAUSED = 1;
    static final int READY = 2;

    private final ArrayDeque<Strand> ready = new ArrayDeque<>();   // hub thread only; popped by the loop
    private final ArrayDeque<Strand> woken = new ArrayDeque<>();   // hub thread only; since last refill
    private final ArrayDeque<Strand> paused = new ArrayDeque<>();  // hub thread only; since last refill
    final TimerHeap timers = new TimerHeap();                      // hub thread only
    final LiveList live = new LiveList();                          // hub thread only
    private final HubClock clock;                                  // immutable; read only when a timer is set
    private String closed;                                         // hub thread only; why nothing may enter

    RunQueues(HubClock clock) {
        this.clock = clock;
    }

    /**
     * {@code s} becomes QUEUED at the back of {@code queue} ({@link #WOKEN}, {@link #PAUSED}, or {@link #READY}
     * for the refill under way), and joins the live list if it is not in it yet.
     *
     * @throws IllegalStateException once the hub is closed
     */
    void enqueue(Strand s, int queue) {
        if (closed != null) {
            throw new IllegalStateException(closed);
        }
        live.link(s);
        s.toQueued();
        (queue == WOKEN ? woken : queue == PAUSED ? paused : ready).addLast(s);
    }

    /** The next greenlet of the ready queue, or null when it is empty. */
    Strand pollReady() {
        return ready.pollFirst();
    }

    boolean readyIsEmpty() {
        return ready.isEmpty();
    }

    /** Whether a refill would find something runnable without waiting: a woken or paused greenlet, a due timer. */
    boolean hasRunnable() {
        if (!woken.isEmpty() || !paused.isEmpty()) {
            return true;
        }
        HubTimer first = timers.peek();
        return first != null && first.deadline <= clock.nanos();
    }

    /** Arms {@code t} for {@code deadline}; a greenlet it concerns joins the live list. */
    void addTimer(HubTimer t, long deadline) {
        if (t.strand != null) {
            live.link(t.strand);
        }
        timers.add(t, deadline);
    }

    /**
     * Whether a timer is set that can fire. One at {@link HubClock#NEVER} (a delay too long for a {@code long}
     * of nanoseconds, such as {@code scheduleIn(Double.POSITIVE_INFINITY, g)}) never does: waiting for it would
     * be a hang, so it leaves the hub as idle as no timer, and a deadlock is reported.
     */
    boolean hasTimer() {
        HubTimer first = timers.peek();
        return first != null && first.deadline != HubClock.NEVER;
    }

    /** The nanoseconds from {@code now} to the first timer (0 if it is due); the caller checked {@link #hasTimer}. */
    long delayToFirstTimer(long now) {
        long first = timers.peek().deadline;
        return first <= now ? 0 : first - now;
    }

    /**
     * Moves woken, then due timers' greenlets (running timer actions in their place), then paused. The clock is
     * read only if a timer is set: a refill without timers costs no clock read.
     */
    void refill() {
        Strand s;
        while ((s = woken.pollFirst()) != null) {
            ready.addLast(s);
        }
        if (!timers.isEmpty()) {
            long now = clock.nanos();
            HubTimer t;
            while ((t = timers.peek()) != null && t.deadline <= now) {
                timers.poll();
                fire(t);
            }
        }
        while ((s = paused.pollFirst()) != null) {
            ready.addLast(s);
        }
    }

    private void fire(HubTimer t) {
        switch (t.kind) {
            case HubTimer.PARK_TIMEOUT:
                if (t.strand.timeOut()) {
                    enqueue(t.strand, READY);
                }
                break;
            case HubTimer.SCHEDULE:
                if (t.strand.isWaitingToRun()) {
                    enqueue(t.strand, READY);
                }
                break;
            default:
                t.action.run();
                break;
        }
    }

    /** Takes {@code s} out of every queue (the main greenlet, when the loop fails under it). */
    void remove(Strand s) {
        ready.remove(s);
        woken.remove(s);
        paused.remove(s);
    }

    /** Empties everything, and refuses every later entry with {@code why} (the hub closed). */
    void close(String why) {
        closed = why;
        timers.clear();
        ready.clear();
        woken.clear();
        paused.clear();
        live.clear();
    }
}
