package io.greenhouse;

import static io.greenhouse.HubArgs.checkTime;
import static io.greenhouse.HubArgs.own;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Strand;

/**
 * What {@link Scheduler}'s scheduling calls do: new greenlets, wake-ups now, at a time or after a delay,
 * recurring runs, delivered exceptions and ends. Each method checks its arguments in the order, and with the
 * errors, that the {@link Scheduler} method of the same name documents.
 *
 * <p>Threading: stateless; every method acts on, and must be called by, the thread that owns the hub.
 */
final class Scheduling {
    private Scheduling() {
    }

    /**
     * As {@link Scheduler#greenlet(GreenRunnable)}.
     *
     * @param func the greenlet's body
     * @return the new greenlet, not scheduled
     */
    static Greenlet greenlet(GreenRunnable func) {
        Objects.requireNonNull(func, "func");
        return create(func);
    }

    /**
     * As {@link Scheduler#schedule(GreenRunnable)}.
     *
     * @param target the greenlet's body
     * @return the new greenlet, already scheduled
     */
    static Greenlet schedule(GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        Greenlet g = create(target);
        g.strand().makeRunnable();
        return g;
    }

    /**
     * As {@link Scheduler#schedule(Greenlet)}.
     *
     * @param target the greenlet to act on
     * @return {@code target}
     */
    static Greenlet schedule(Greenlet target) {
        own(target, "target").makeRunnable();
        return target;
    }

    /**
     * As {@link Scheduler#scheduleAt(double, GreenRunnable)}.
     *
     * @param unixtime when it becomes runnable, in seconds since the epoch on the hub's clock
     * @param target the greenlet's body
     * @return the new greenlet
     */
    static Greenlet scheduleAt(double unixtime, GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        checkTime(unixtime, "unixtime");
        Greenlet g = create(target);
        g.strand().makeRunnableAt(HubClock.epochNanos(unixtime));
        return g;
    }

    /**
     * As {@link Scheduler#scheduleAt(double, Greenlet)}.
     *
     * @param unixtime when it becomes runnable, in seconds since the epoch on the hub's clock
     * @param target the greenlet to act on
     * @return {@code target}
     */
    static Greenlet scheduleAt(double unixtime, Greenlet target) {
        checkTime(unixtime, "unixtime");
        own(target, "target").makeRunnableAt(HubClock.epochNanos(unixtime));
        return target;
    }

    /**
     * As {@link Scheduler#scheduleAt(Instant, GreenRunnable)}.
     *
     * @param instant when it becomes runnable, on the hub's clock
     * @param target the greenlet's body
     * @return the new greenlet
     */
    static Greenlet scheduleAt(Instant instant, GreenRunnable target) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(target, "target");
        Greenlet g = create(target);
        g.strand().makeRunnableAt(HubClock.epochNanos(instant));
        return g;
    }

    /**
     * As {@link Scheduler#scheduleAt(Instant, Greenlet)}.
     *
     * @param instant when it becomes runnable, on the hub's clock
     * @param target the greenlet to act on
     * @return {@code target}
     */
    static Greenlet scheduleAt(Instant instant, Greenlet target) {
        Objects.requireNonNull(instant, "instant");
        own(target, "target").makeRunnableAt(HubClock.epochNanos(instant));
        return target;
    }

    /**
     * As {@link Scheduler#scheduleIn(double, GreenRunnable)}.
     *
     * @param secs how many seconds from now, on the hub's clock
     * @param target the greenlet's body
     * @return the new greenlet
     */
    static Greenlet scheduleIn(double secs, GreenRunnable target) {
        Objects.requireNonNull(target, "target");
        checkTime(secs, "secs");
        Greenlet g = create(target);
        g.strand().makeRunnableAt(g.strand().loop().clock().deadlineAfter(secs));
        return g;
    }

    /**
     * As {@link Scheduler#scheduleIn(double, Greenlet)}.
     *
     * @param secs how many seconds from now, on the hub's clock
     * @param target the greenlet to act on
     * @return {@code target}
     */
    static Greenlet scheduleIn(double secs, Greenlet target) {
        checkTime(secs, "secs");
        Strand s = own(target, "target");
        s.makeRunnableAt(s.loop().clock().deadlineAfter(secs));
        return target;
    }

    /**
     * As {@link Scheduler#scheduleIn(Duration, GreenRunnable)}.
     *
     * @param delay how long from now, on the hub's clock
     * @param target the greenlet's body
     * @return the new greenlet
     */
    static Greenlet scheduleIn(Duration delay, GreenRunnable target) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(target, "target");
        Greenlet g = create(target);
        g.strand().makeRunnableAt(g.strand().loop().clock().deadlineAfterNanos(HubClock.nanos(delay)));
        return g;
    }

    /**
     * As {@link Scheduler#scheduleIn(Duration, Greenlet)}.
     *
     * @param delay how long from now, on the hub's clock
     * @param target the greenlet to act on
     * @return {@code target}
     */
    static Greenlet scheduleIn(Duration delay, Greenlet target) {
        Objects.requireNonNull(delay, "delay");
        Strand s = own(target, "target");
        s.makeRunnableAt(s.loop().clock().deadlineAfterNanos(HubClock.nanos(delay)));
        return target;
    }

    /**
     * As {@link Scheduler#scheduleRecurring(double, GreenRunnable, int, double)}.
     *
     * @param interval seconds between runs, finite and not negative
     * @param target the body each run executes
     * @param maxtimes how many runs; 0 = unbounded
     * @param startingAt seconds since the epoch; 0 = now
     * @return the handle of the runs
     */
    static Recurring scheduleRecurring(double interval, GreenRunnable target, int maxtimes, double startingAt) {
        Objects.requireNonNull(target, "target");
        if (!(interval >= 0) || Double.isInfinite(interval)) {
            throw new IllegalArgumentException("interval must be a finite number of seconds >= 0: " + interval);
        }
        if (maxtimes < 0) {
            throw new IllegalArgumentException("maxtimes < 0: " + maxtimes);
        }
        checkTime(startingAt, "startingAt");
        Loop loop = Hub.checkedLoop();
        long start = startingAt == 0 ? loop.clock().nanos() : HubClock.epochNanos(startingAt);
        return new Recurring(loop, interval, maxtimes, start, target);
    }

    /**
     * As {@link Scheduler#scheduleRecurring(double, Greenlet, int, double)}.
     *
     * @param interval seconds between runs, finite and not negative
     * @param target the greenlet whose body each run executes; not dead
     * @param maxtimes how many runs; 0 = unbounded
     * @param startingAt seconds since the epoch the intervals count from; 0 = now
     * @return the handle of the runs
     */
    static Recurring scheduleRecurring(double interval, Greenlet target, int maxtimes, double startingAt) {
        Strand s = own(target, "target");
        if (s.isDead()) {
            throw new IllegalArgumentException("can't schedule a dead greenlet: " + target);
        }
        return scheduleRecurring(interval, s.body(), maxtimes, startingAt);
    }

    /**
     * As {@link Scheduler#scheduleException(Throwable, Greenlet)}.
     *
     * @param exception what {@code target} throws
     * @param target the greenlet that throws it; alive
     */
    static void scheduleException(Throwable exception, Greenlet target) {
        exceptionTarget(exception, target).deliver(exception, HubClock.NEVER);
    }

    /**
     * As {@link Scheduler#scheduleExceptionAt(double, Throwable, Greenlet)}.
     *
     * @param unixtime when {@code target} becomes runnable, in seconds since the epoch on the hub's clock
     * @param exception what {@code target} throws
     * @param target the greenlet that throws it; alive
     */
    static void scheduleExceptionAt(double unixtime, Throwable exception, Greenlet target) {
        checkTime(unixtime, "unixtime");
        exceptionTarget(exception, target).deliver(exception, HubClock.epochNanos(unixtime));
    }

    /**
     * As {@link Scheduler#scheduleExceptionIn(double, Throwable, Greenlet)}.
     *
     * @param secs how many seconds from now {@code target} becomes runnable
     * @param exception what {@code target} throws
     * @param target the greenlet that throws it; alive
     */
    static void scheduleExceptionIn(double secs, Throwable exception, Greenlet target) {
        checkTime(secs, "secs");
        Strand s = exceptionTarget(exception, target);
        s.deliver(exception, s.loop().clock().deadlineAfter(secs));
    }

    /** The record of a greenlet that an exception is sent to, after checking both. */
    private static Strand exceptionTarget(Throwable exception, Greenlet target) {
        Objects.requireNonNull(exception, "exception");
        Strand s = own(target, "target");
        if (s.isDead()) {
            throw new IllegalArgumentException("can't send exceptions to a dead greenlet: " + target);
        }
        return s;
    }

    /** A new greenlet of the calling thread's hub, with the current greenlet's context. */
    private static Greenlet create(GreenRunnable body) {
        Loop loop = Hub.checkedLoop();
        return loop.newGreenlet(body, loop.running().context());
    }
}
