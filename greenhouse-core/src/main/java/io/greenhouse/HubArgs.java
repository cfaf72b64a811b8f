package io.greenhouse;

import java.util.Objects;

import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Strand;

/**
 * The argument checks that {@link Scheduler} and its helpers share: a greenlet of the calling thread's open
 * hub, and a time that is a number.
 *
 * <p>Threading: stateless; {@link #own} must be called by the thread that owns the hub, as every
 * {@link Scheduler} method is.
 */
final class HubArgs {
    private HubArgs() {
    }

    /**
     * A greenlet's record, after checking that it belongs to the calling thread's open hub.
     *
     * @param g the greenlet an argument names
     * @param name the argument's name, for the error
     * @return {@code g}'s record
     * @throws NullPointerException if {@code g} is null
     * @throws IllegalStateException if the hub is closed or {@code g} belongs to another thread's hub
     */
    static Strand own(Greenlet g, String name) {
        Objects.requireNonNull(g, name);
        Loop loop = Hub.checkedLoop();
        Strand s = g.strand();
        loop.checkOwn(s);
        return s;
    }

    /**
     * Checks that a time in seconds is a number.
     *
     * @param t the time or duration, in seconds
     * @param name the argument's name, for the error
     * @throws IllegalArgumentException if {@code t} is NaN
     */
    static void checkTime(double t, String name) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
    }
}
