package io.greenhouse;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.HubTimer;
import io.greenhouse.internal.Loop;

/**
 * A function run again and again at a fixed interval, made by {@link Scheduler#scheduleRecurring}.
 *
 * <p>Run <i>k</i> (from 1) starts, in a new greenlet, at {@code startingAt + k * interval}: times are
 * computed from the scheduled times, not from when the previous run ended, so delays do not accumulate.
 * The next run is set when a run returns; a run that throws ends the series (its exception goes to the
 * exception handlers), as in greenhouse. A run that overruns the interval is followed at once by the next.
 *
 * <p>Threading: hub thread only.
 */
public final class Recurring {
    private final Loop loop;            // immutable
    private final double interval;      // immutable
    private final int maxtimes;         // immutable; 0 = unbounded
    private final GreenRunnable body;   // immutable
    private final HubTimer timer;       // immutable; armed between runs
    private final Object[] context;     // immutable; the scheduling greenlet's, inherited by every run
    private final long intervalNanos;   // immutable
    private long nextAt;                // hub thread only; scheduled time of the next run, epoch nanoseconds
    private int runs;                   // hub thread only
    private boolean cancelled;          // hub thread only

    Recurring(Loop loop, double interval, int maxtimes, long startingAt, GreenRunnable body) {
        this.loop = loop;
        this.context = loop.running().context();
        this.interval = interval;
        this.intervalNanos = HubClock.nanos(interval);
        this.maxtimes = maxtimes;
        this.body = body;
        this.timer = loop.actionTimer(this::fire);
        this.nextAt = startingAt + intervalNanos;
        loop.addTimer(timer, nextAt);
    }

    /** Cancels the series: no run starts after this call; a run under way finishes. */
    public void cancel() {
        loop.checkThread();
        cancelled = true;
        loop.removeTimer(timer);
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * How many runs have started so far.
     *
     * @return the number of runs started, the one under way included
     */
    public int runs() {
        return runs;
    }

    /**
     * The interval, in seconds.
     *
     * @return the seconds between runs, as given
     */
    public double interval() {
        return interval;
    }

    private void fire() {
        if (cancelled) {
            return;
        }
        runs++;
        loop.readyNow(loop.newGreenlet(this::runOnce, context).strand());
    }

    private void runOnce() throws SuspendExecution, Exception {
        body.run();
        if (!cancelled && (maxtimes == 0 || runs < maxtimes)) {
            nextAt += intervalNanos;
            loop.addTimer(timer, nextAt);
        }
    }

    @Override
    public String toString() {
        return "Recurring[every " + interval + " s, runs " + runs + (maxtimes > 0 ? " of " + maxtimes : "")
                + (cancelled ? ", cancelled" : "") + "]";
    }
}
