package io.greenhouse;

import java.time.Duration;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Sneaky;
import io.greenhouse.internal.Strand;
import io.greenhouse.internal.backend.ParkSites;

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
 * <p>Queries: {@link #isStarted()}, {@link #isDead()}, and once it is dead {@link #failure()}, which says
 * whether it died of a throwable. {@link #joinOrThrow()} waits for it and rethrows that throwable, so a
 * failure (an assertion in a test's greenlet, say) is not lost:
 * <pre>{@code
 * Greenlet check = Scheduler.schedule(() -> assertEquals(4, compute()));
 * check.joinOrThrow();                          // throws the AssertionError if the check failed
 * boolean done = worker.join(Duration.ofSeconds(1));   // false if worker still runs after 1 s
 * if (done && worker.failure() != null) { ... }
 * }</pre>
 *
 * <p>Life cycle: new, then started when its body first runs, then dead when the body returns, throws, or
 * is {@linkplain Scheduler#end ended}. A greenlet ended or given an exception before it started is dead
 * without ever running its body. A greenlet starts with the {@linkplain ContextKey context} of the greenlet
 * that created it.
 *
 * <p>Threading: {@link #join()} and {@link #join(Duration)} MUST be called on the hub's thread. The
 * queries ({@code isStarted}, {@code isDead}, {@code name}, {@code failure}, {@code hub}) and
 * {@link #setName} may be called from any thread but are only up to date on the hub's thread.
 */
public final class Greenlet {
    private final Strand strand;     // immutable; the loop's record of this greenlet
    private final long id;           // immutable; per hub
    private volatile String name;    // any thread; null until set

    Greenlet(Loop loop, GreenRunnable body, long id, Object[] context) {
        this.id = id;
        this.strand = new Strand(loop, this, body, context);
    }

    /**
     * Whether its body has begun; stays true after death.
     *
     * @return true once its body has begun, even after it died
     */
    public boolean isStarted() {
        return strand.isStarted();
    }

    /**
     * Whether it finished, died of a throwable, or was ended.
     *
     * @return true once it finished, died of a throwable, or was ended
     */
    public boolean isDead() {
        return strand.isDead();
    }

    /**
     * Its name: given with {@link #setName}, else {@code greenlet-<n>}, or {@code main(<thread>)}.
     *
     * @return its name
     */
    public String name() {
        String n = name;
        return n != null ? n : "greenlet-" + id;
    }

    /**
     * Sets its name, for logs, deadlock reports and {@link #toString()}. Returns this greenlet.
     *
     * @param name the new name
     * @return this greenlet
     */
    public Greenlet setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * The hub that runs it.
     *
     * @return the hub that owns it, whose thread alone runs it
     */
    public Hub hub() {
        return strand.loop().hub();
    }

    /**
     * The throwable it died of; null while alive, if it finished normally, or if it was ended.
     *
     * @return what it died of, or null
     */
    public Throwable failure() {
        return strand.failure();
    }

    /**
     * Waits until this greenlet is dead.
     *
     * <p>If it is dead, returns at once. Otherwise the current greenlet is descheduled until one of: this
     * greenlet dies; an exception is scheduled into the current greenlet (thrown from here). Joiners are
     * woken in the order they joined. From the main greenlet this drives the loop.
     *
     *
     * @throws IllegalStateException if called from another thread than the hub's, or by the greenlet itself
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void join() throws SuspendExecution {
        if (joinCheck()) {
            return;
        }
        Strand me = strand.loop().running();
        strand.addJoiner(me);
        try {
            while (!strand.isDead()) {
                GreenLockSupport.park(this);
            }
        } finally {
            strand.removeJoiner(me);
        }
    }

    /**
     * Waits at most {@code timeout} until this greenlet is dead; returns true if it died in time.
     *
     * <p>As {@link #join()}, with a time limit read from the hub's clock.
     *
     * @param timeout how long to wait at most; zero or negative only looks
     * @return true if it is dead, false if the time ran out first
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IllegalStateException if called from another thread than the hub's, or by the greenlet itself
     */
    public boolean join(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        if (joinCheck()) {
            return true;
        }
        Loop loop = strand.loop();
        long deadline = loop.clock().deadlineAfterNanos(HubClock.nanos(timeout));
        Strand me = loop.running();
        strand.addJoiner(me);
        try {
            while (!strand.isDead()) {
                if (!ParkSites.parkUntil(this, deadline)) {
                    return strand.isDead();
                }
            }
            return true;
        } finally {
            strand.removeJoiner(me);
        }
    }

    /**
     * Waits until this greenlet is dead, as {@link #join()}, then rethrows the throwable it died of, if any:
     * the same instance, unwrapped, with the stack of where it was thrown in this greenlet. Returns normally if
     * it finished or was {@linkplain Scheduler#end ended}. Its exception handlers have run by then (greenhouse's
     * rule); this rethrows the failure whether a handler took it or not.
     *
     * <p>{@link #join()} says only that the greenlet is dead; this is the join to use when its failure must not
     * pass silently, such as a greenlet that makes assertions in a test.
     *
     * @throws Exception what this greenlet died of (an {@link Error} too, though not declared)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IllegalStateException if called from another thread than the hub's, or by the greenlet itself
     */
    public void joinOrThrow() throws SuspendExecution, Exception {
        join();
        rethrowFailure();
    }

    /**
     * Waits at most {@code timeout} until this greenlet is dead, as {@link #join(Duration)}; if it died of a
     * throwable in time, rethrows it as {@link #joinOrThrow()} does.
     *
     * @param timeout how long to wait at most; zero or negative only looks
     * @return true if it finished (or was ended) in time, false if it is still alive
     * @throws Exception what this greenlet died of (an {@link Error} too, though not declared)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IllegalStateException if called from another thread than the hub's, or by the greenlet itself
     */
    public boolean joinOrThrow(Duration timeout) throws SuspendExecution, Exception {
        if (!join(timeout)) {
            return false;
        }
        rethrowFailure();
        return true;
    }

    private void rethrowFailure() {
        Throwable f = strand.failure();
        if (f != null) {
            throw Sneaky.rethrow(f);
        }
    }

    private boolean joinCheck() {
        Loop loop = strand.loop();
        loop.checkThread();
        if (strand.isDead()) {
            return true;
        }
        if (loop.running() == strand) {
            throw new IllegalStateException(name() + " cannot join itself");
        }
        return false;
    }

    /** The loop's record of this greenlet. */
    Strand strand() {
        return strand;
    }

    @Override
    public String toString() {
        return "Greenlet[" + name() + ", " + strand.stateName() + "]";
    }
}
