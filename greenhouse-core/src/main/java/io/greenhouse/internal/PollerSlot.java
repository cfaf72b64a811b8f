package io.greenhouse.internal;

import java.lang.System.Logger.Level;
import java.util.ServiceLoader;

import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.PollerProvider;
import io.greenhouse.PortablePoller;

/**
 * A hub's poller, and how it is replaced: {@code Scheduler.resetPoller} with a given poller, or the best
 * {@link PollerProvider} found with {@link ServiceLoader} (the available one with the highest priority; core's
 * portable poller if none). The old poller is closed. A harness may {@linkplain #lock lock} the slot.
 *
 * <p>Threading: hub thread only, except {@link #current} (read by {@code Hub.execute} to wake the poller).
 */
final class PollerSlot {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.scheduler");

    volatile Poller current;    // written on the hub thread; read anywhere; null once the hub is closed
    private String name;        // hub thread only
    private String lock;        // hub thread only; why the poller may not be replaced, or null

    /** Installs {@code p} (or the best available poller, if null) in {@code hub}; the previous one is closed. */
    void install(Poller p, Hub hub) {
        if (lock != null) {
            throw new IllegalStateException("the poller of the hub of thread " + hub.thread().getName()
                    + " cannot be replaced (" + (p == null ? "by the best available one" : "by " + p) + "): " + lock);
        }
        Poller old = current;
        if (old != null && old != p) {
            close(old, "closing the old poller failed");
        }
        String n = p == null ? null : p.toString();
        if (p == null) {
            PollerProvider best = bestProvider();
            p = best.create();
            n = best.name();
        }
        current = p;
        name = n;
        p.attach(hub);
    }

    String name() {
        return name;
    }

    void lock(String reason) {
        lock = reason;
    }

    /** Closes the poller and empties the slot (the hub closes). */
    void close() {
        Poller p = current;
        current = null;
        if (p != null) {
            close(p, "closing the poller failed");
        }
    }

    private static void close(Poller p, String failure) {
        try {
            p.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, failure, e);
        }
    }

    private static PollerProvider bestProvider() {
        PollerProvider best = null;
        for (PollerProvider p : ServiceLoader.load(PollerProvider.class, PollerSlot.class.getClassLoader())) {
            try {
                if (p.isAvailable() && (best == null || p.priority() > best.priority())) {
                    best = p;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "poller provider " + p.name() + " is unavailable", e);
            }
        }
        return best != null ? best : new PortablePoller.Provider();
    }
}
