package io.greenhouse.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A hub's clock read in nanoseconds since the epoch, and the one place where the API's units (seconds as
 * {@code double}, {@link Instant}, {@link Duration}) become the {@code long} nanoseconds that everything below
 * the public entry points uses: deadlines, timers, timeouts and the {@code Poller} SPI.
 *
 * <p>Conversions of a point in time or of a delay round up, so that no timer fires early, and saturate: a
 * deadline too far away for a {@code long} is {@link #NEVER}, which the park call sites treat as "no timer".
 * NaN is rejected by the public entry points before it gets here.
 *
 * <p>Threading: immutable; {@link #nanos()} reads the clock, which the hub's thread does.
 */
public final class HubClock {
    /** A deadline that never comes: a park with it sets no timer. */
    public static final long NEVER = Long.MAX_VALUE;

    private final Clock clock;      // immutable
    private final boolean system;   // immutable; the system UTC clock, read without its Instant indirection

    /**
     * A hub clock reading {@code clock}.
     *
     * @param clock the clock to read: the system clock, or a virtual one
     */
    public HubClock(Clock clock) {
        this.clock = clock;
        this.system = clock.equals(Clock.systemUTC());
    }

    /**
     * The clock the hub was given.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Now, in nanoseconds since the epoch.
     *
     * @return the epoch nanoseconds
     */
    public long nanos() {
        return epochNanos(system ? Instant.now() : clock.instant());
    }

    /**
     * Now, in seconds since the epoch: {@code Scheduler.time()}.
     *
     * @return the epoch seconds
     */
    public double seconds() {
        return nanos() / 1e9;
    }

    /**
     * The deadline {@code seconds} from now, rounded up and saturated; now if {@code seconds <= 0}.
     *
     * @param seconds the delay in seconds; not NaN
     * @return the deadline in epoch nanoseconds, or {@link #NEVER}
     */
    public long deadlineAfter(double seconds) {
        return deadlineAfterNanos(nanos(seconds));
    }

    /**
     * The deadline {@code delay} nanoseconds from now, saturated; now if {@code delay <= 0}.
     *
     * @param delay the delay in nanoseconds
     * @return the deadline in epoch nanoseconds, or {@link #NEVER}
     */
    public long deadlineAfterNanos(long delay) {
        long now = nanos();
        if (delay <= 0) {
            return now;
        }
        return delay >= NEVER - now ? NEVER : now + delay;
    }

    /**
     * A point in time given in seconds since the epoch, in epoch nanoseconds: rounded up and saturated.
     *
     * @param unixtime seconds since the epoch; not NaN
     * @return nanoseconds since the epoch, or {@link #NEVER}
     */
    public static long epochNanos(double unixtime) {
        if (unixtime >= NEVER / 1e9) {
            return NEVER;
        }
        return (long) Math.ceil(unixtime * 1e9);
    }

    /**
     * An instant in epoch nanoseconds, exactly, saturated at both ends.
     *
     * @param instant the instant
     * @return nanoseconds since the epoch, {@link #NEVER} or {@link Long#MIN_VALUE} at the ends
     */
    public static long epochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= NEVER / 1_000_000_000L) {
            return NEVER;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /**
     * A delay in seconds as nanoseconds, rounded up and saturated (negative stays negative).
     *
     * @param seconds the delay in seconds; not NaN
     * @return the delay in nanoseconds, or {@link #NEVER}
     */
    public static long nanos(double seconds) {
        if (seconds >= NEVER / 1e9) {
            return NEVER;
        }
        return (long) Math.ceil(seconds * 1e9);
    }

    /**
     * A duration as nanoseconds, saturated.
     *
     * @param duration the delay
     * @return the delay in nanoseconds, saturated at both ends
     */
    public static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : NEVER;
        }
    }

    /**
     * Nanoseconds as seconds, for the API's {@code double} results.
     *
     * @param nanos a delay or a time in nanoseconds
     * @return the same in seconds
     */
    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
