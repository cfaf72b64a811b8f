package io.greenhouse.benchmarks;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * {@code members - 1} greenlets looping on {@link Scheduler#pause()}, plus the calling thread's main
 * greenlet, which drives the loop by pausing too: one main pause is one round of {@code members} switches.
 *
 * <p>Threading: the hub belongs to the thread that calls {@link #start}; every method MUST be called on it.
 */
public final class GreenhouseYieldRing implements YieldRing {
    private Hub hub;                 // benchmark thread only
    private int members;             // benchmark thread only
    private volatile boolean stop;   // written by the benchmark thread, read by the greenlets (same thread)
    private long switches;           // hub thread only; turns taken by the looping greenlets, as the baselines count

    @Override
    public void start(int members) throws SuspendExecution {
        if (members < 2) {
            throw tooFew(members);
        }
        this.members = members;
        hub = GreenhouseBenchmark.hubWithRequestedPoller();
        GreenRunnable spin = this::spin;
        for (int i = 1; i < members; i++) {
            Scheduler.schedule(spin);
        }
        Scheduler.pause();  // every greenlet starts and pauses once: later rounds are pure switches
    }

    private void spin() throws SuspendExecution {
        while (!stop) {
            Scheduler.pause();
            switches++;
        }
    }

    /** Pauses the main greenlet {@code round(switches / members)} times: whole rounds of the ring. */
    @Override
    public void advance(long switches) throws SuspendExecution {
        long rounds = Math.max(1, Math.round((double) switches / members));
        long before = this.switches;
        for (long r = 0; r < rounds; r++) {
            Scheduler.pause();
        }
        if (this.switches - before != rounds * (members - 1)) {
            throw ringBroken(rounds * (members - 1), this.switches - before);
        }
    }

    /*
     * Exceptions are built in helper methods: Quasar 0.8's agent cannot instrument a suspendable method
     * with a string concatenation (invokedynamic) inside a `new` expression, and warns about any `new`
     * that is thrown from one.
     */
    private static IllegalArgumentException tooFew(int members) {
        return new IllegalArgumentException("members < 2: " + members);
    }

    /** The ring lost members (a greenlet died): the figure would be meaningless. */
    private static IllegalStateException ringBroken(long expected, long actual) {
        return new IllegalStateException("the ring's greenlets made " + actual + " switches instead of " + expected
                + ": some died (see the log above)");
    }

    @Override
    public void close() throws SuspendExecution {
        stop = true;
        Scheduler.pause();  // each greenlet sees the flag after its pause and ends
        if (!hub.isClosed()) {
            hub.close();
        }
    }
}
