package io.greenhouse.util;

import java.time.Duration;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.HubClock;

/**
 * Runs a function once, in its own greenlet, after a delay, unless cancelled first: greenhouse's
 * {@code Timer}, the greenlet twin of {@code threading.Timer}.
 *
 * <p>{@link #start()} schedules a greenlet that waits {@code interval} seconds of the hub's clock and then
 * runs the function; {@link #cancel()} wakes it and makes it end without running the function. Arguments
 * are captured by the function's lambda. An exception thrown by the function goes to the greenlet's
 * exception handlers, as for any greenlet.
 * <pre>{@code
 * Timer reminder = new Timer(5, () -> System.out.println("five seconds"));
 * reminder.start();
 * // ...
 * reminder.cancel();
 * }</pre>
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the timer was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: a {@code Timer} is not a {@code Thread} (greenhouse's {@code Thread}
 * emulation is not ported: use {@link Scheduler#schedule(GreenRunnable)} and {@link Greenlet#join()});
 * {@code args}/{@code kwargs} are captured by the lambda.
 */
public final class Timer extends HubBound {
    private final long interval;          // immutable; nanoseconds, >= 0
    private final GreenRunnable function; // immutable
    private final Event finished;         // set when the function ran, or on cancel
    private Greenlet greenlet;            // hub thread only; null until started

    /**
     * Creates a timer that will run {@code function} {@code interval} seconds after {@link #start()}.
     *
     *
     * @param interval seconds on the hub's clock from {@link #start()} to the run; not negative
     * @param function what to run, in the timer's greenlet
     * @throws IllegalArgumentException if {@code interval} is negative or NaN
     */
    public Timer(double interval, GreenRunnable function) {
        this(HubClock.nanos(checkInterval(interval)), function);
    }

    /**
     * As {@link #Timer(double, GreenRunnable)}.
     *
     *
     * @param interval time on the hub's clock from {@link #start()} to the run; not negative
     * @param function what to run, in the timer's greenlet
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public Timer(Duration interval, GreenRunnable function) {
        this(HubClock.nanos(checkInterval(Objects.requireNonNull(interval, "interval"))), function);
    }

    private Timer(long interval, GreenRunnable function) {
        this.interval = interval;
        this.function = Objects.requireNonNull(function, "function");
        this.finished = new Event();
    }

    private static double checkInterval(double interval) {
        if (!(interval >= 0)) {
            throw new IllegalArgumentException("interval must be >= 0 seconds: " + interval);
        }
        return interval;
    }

    private static Duration checkInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0: " + interval);
        }
        return interval;
    }

    /**
     * Schedules the timer's greenlet, which waits for the interval and then runs the function; returns
     * the greenlet.
     *
     *
     * @return the timer's greenlet, already scheduled
     * @throws IllegalStateException if the timer was already started
     */
    public Greenlet start() {
        checkHub();
        if (greenlet != null) {
            throw new IllegalStateException("timer already started");
        }
        greenlet = Scheduler.schedule(() -> fire());
        return greenlet;
    }

    /**
     * Cancels the timer: its function will not run, and its greenlet, if waiting, ends at its next turn.
     *
     * @return true if this call cancelled it; false if it had already run or been cancelled
     */
    public boolean cancel() {
        checkHub();
        boolean pending = !finished.isSet();
        finished.set();
        return pending;
    }

    /**
     * Whether the function ran or the timer was cancelled.
     *
     * @return true once the function ran or the timer was cancelled
     */
    public boolean isFinished() {
        return finished.isSet();
    }

    private void fire() throws SuspendExecution, Exception {
        try {
            if (!finished.awaitUntil(checkHub(), loop.clock().deadlineAfterNanos(interval))) {
                function.run();
            }
        } finally {
            finished.set();
        }
    }

    @Override
    public String toString() {
        return "Timer[" + HubClock.seconds(interval) + "s, " + (finished.isSet() ? "finished" : greenlet == null ? "new" : "started")
                + "]";
    }
}
