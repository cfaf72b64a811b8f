package io.greenhouse.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that only moves when told to: the time of a hub on virtual time.
 *
 * <p>The clock starts at an instant and moves forward by {@link #advance(Duration)} and
 * {@link #advanceTo(Instant)}, never backwards, to the nanosecond. With a poller that advances it instead of
 * waiting, every timer of a hub runs on it: {@code pauseFor(3600)} returns at once in wall time with
 * {@link io.greenhouse.Scheduler#time()} exactly one hour later.
 * <pre>{@code
 * VirtualClock clock = VirtualClock.at(Instant.parse("2000-01-01T00:00:00Z"));
 * clock.advance(Duration.ofSeconds(90));
 * clock.instant();   // 2000-01-01T00:01:30Z
 * }</pre>
 * Used alone with {@link io.greenhouse.Hub#install(Clock, io.greenhouse.Poller)} and {@link #newPoller()} it
 * gives a plain virtual-time hub ({@link GreenhouseTest} does exactly that); a {@link Simulation} owns its own.
 * <pre>{@code
 * Hub hub = Hub.install(clock, clock.newPoller());
 * Scheduler.pauseFor(3600);          // at once: the clock jumps an hour
 * hub.close();
 * }</pre>
 *
 * <p>Threading: any thread may read the clock; the time it reads is the last one written. Moves are atomic
 * with respect to each other, and are normally made by the hub's thread only.
 *
 * <p>{@link #withZone(ZoneId)} returns a view in another zone that shares this clock's time.
 */
public final class VirtualClock extends Clock {
    private final Time time;   // immutable; shared with the zone views
    private final ZoneId zone; // immutable

    private VirtualClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /**
     * A virtual clock that reads {@code start} until it is moved, in zone UTC.
     *
     * @param start the instant the clock reads first
     * @return the new clock
     * @throws ArithmeticException if {@code start} cannot be counted in nanoseconds since the epoch (years
     *         1677 to 2262)
     */
    public static VirtualClock at(Instant start) {
        Objects.requireNonNull(start, "start");
        return new VirtualClock(new Time(epochNanos(start)), ZoneOffset.UTC);
    }

    /** The current virtual instant. */
    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(0, time.nanos);
    }

    /** The current virtual time in milliseconds since the epoch. */
    @Override
    public long millis() {
        return Math.floorDiv(time.nanos, 1_000_000L);
    }

    /**
     * The current virtual time in nanoseconds since the epoch: {@link #instant()} without allocation.
     *
     * @return nanoseconds since 1970-01-01T00:00:00Z
     */
    public long epochNanos() {
        return time.nanos;
    }

    /**
     * Moves the clock forward by {@code d} (zero leaves it where it is).
     *
     * @param d how far to move, zero or more
     * @throws IllegalArgumentException if {@code d} is negative: a virtual clock never goes backwards
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("d is negative: " + d + " (a virtual clock never goes backwards)");
        }
        time.add(d.toNanos());
    }

    /**
     * Moves the clock to {@code t} (the current instant leaves it where it is).
     *
     * @param t the instant to move to, not before the current one
     * @throws IllegalArgumentException if {@code t} is before the current instant: a virtual clock never goes
     *         backwards
     */
    public void advanceTo(Instant t) {
        Objects.requireNonNull(t, "t");
        time.moveTo(epochNanos(t), t);
    }

    /**
     * A new poller for a hub on this clock: when no greenlet can run, it moves the clock to the hub's next timer
     * instead of waiting. A hub kept alive ({@code Hub.keepAlive}) with no timer waits, in real time, for
     * {@code Hub.execute} work from another thread; with nothing able to wake it, the hub reports a deadlock.
     * Blocking calls of greenhouse-io ({@code GreenFile}) run inline; its sockets need a {@link Simulation}. A
     * poller serves one hub; a real one put in its place ({@code Scheduler.resetPoller}) would wait in real time.
     *
     * @return a new poller over this clock
     */
    public io.greenhouse.Poller newPoller() {
        return new io.greenhouse.test.internal.SimulatedPoller(this, null, null, null, "a virtual-time hub");
    }

    /** The zone of this view of the clock (UTC unless made by {@link #withZone}). */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in {@code zone}: it reads and moves the same virtual time. */
    @Override
    public VirtualClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new VirtualClock(time, zone);
    }

    @Override
    public String toString() {
        return "VirtualClock[" + instant() + ", " + zone + "]";
    }

    private static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** The virtual time shared by a clock and its zone views. */
    private static final class Time {
        volatile long nanos;   // any thread reads; writes hold this object's monitor; never decreases

        Time(long nanos) {
            this.nanos = nanos;
        }

        synchronized void add(long delta) {
            nanos = Math.addExact(nanos, delta);
        }

        synchronized void moveTo(long target, Instant t) {
            if (target < nanos) {
                throw new IllegalArgumentException("t is before the clock's time: " + t + " < "
                        + Instant.ofEpochSecond(0, nanos) + " (a virtual clock never goes backwards)");
            }
            nanos = target;
        }
    }
}
