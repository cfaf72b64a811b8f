package io.greenhouse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when told to; with {@link VirtualTimePoller}, hub timers run on virtual time. */
final class ManualClock extends Clock {
    private long nanos;   // test thread only; since the epoch

    ManualClock(double startSeconds) {
        this.nanos = (long) (startSeconds * 1e9);
    }

    void advance(double seconds) {
        nanos += (long) Math.ceil(seconds * 1e9);
    }

    void advanceNanos(long delta) {
        nanos += delta;
    }

    double seconds() {
        return nanos / 1e9;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(0, nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
