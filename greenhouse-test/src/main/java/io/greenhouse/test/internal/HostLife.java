package io.greenhouse.test.internal;

import io.greenhouse.ContextKey;
import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.net.NetHost;

/**
 * One life of a simulated host: the host and its incarnation (how many times it had crashed when this life
 * began). Every greenlet of the host carries its life in its context ({@link #KEY}), which the greenlets it
 * creates inherit, so that a greenlet scheduled by a host's greenlet belongs to that host, transitively. A
 * crash ends the life: greenlets of an ended life are ended, and their sockets are gone.
 *
 * <p>Its {@link #toString()} is the host's name (with {@code @n} after the n-th restart), as deadlock reports
 * show it: {@code [host=server]}.
 *
 * <p>Immutable.
 */
public final class HostLife {
    /** The context key of a greenlet's host. */
    public static final ContextKey<HostLife> KEY = new ContextKey<>("host");

    private final NetHost host;       // immutable
    private final int incarnation;    // immutable; the host's incarnation when this life began
    private final String name;        // immutable; for reports and the trace

    /**
     * The current life of {@code host} (which must be up).
     *
     * @param host a host that is up
     */
    public HostLife(NetHost host) {
        this.host = host;
        this.incarnation = host.incarnation();
        this.name = incarnation == 0 ? host.name() : host.name() + "@" + incarnation;
    }

    /**
     * The host of {@code greenlet}, or null if it belongs to none (the test's own greenlets).
     *
     * @param greenlet any greenlet
     * @return its host's life, or null
     */
    public static HostLife of(Greenlet greenlet) {
        return KEY.get(greenlet);
    }

    /**
     * The host of the running greenlet, or null.
     *
     * @return the running greenlet's host's life, or null
     */
    public static HostLife current() {
        return KEY.get();
    }

    /**
     * The host.
     *
     * @return the host
     */
    public NetHost host() {
        return host;
    }

    /**
     * Whether this life goes on: the host has not crashed since it began.
     *
     * @return whether the host has not crashed since this life began
     */
    public boolean isCurrent() {
        return !host.isCrashed() && host.incarnation() == incarnation;
    }

    @Override
    public String toString() {
        return name;
    }
}
