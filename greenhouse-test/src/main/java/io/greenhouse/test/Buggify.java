package io.greenhouse.test;

import io.greenhouse.test.internal.BuggifySites;

/**
 * Seeded fault injection in the code under test (FoundationDB's {@code BUGGIFY}): a place that can take a
 * rare path asks {@code Buggify.fires()} and takes it when told, so that simulations explore it often.
 * <pre>{@code
 * if (Buggify.fires()) {
 *     Scheduler.pauseFor(5);          // an unusually slow disk
 * }
 * int batch = Buggify.fires(0.5) ? 1 : 100;   // a tiny batch half the time, where active
 * }</pre>
 *
 * <p>Outside a simulation it always returns false, so the calls can stay in production code at the cost of
 * a thread-local read. Inside one, each call site (class, method and line) is active for the whole run
 * with probability 0.25, and an active site fires with probability 0.25 (or {@code p}); both are drawn from
 * the simulation's seed, from a stream of each site's own, so the same seed fires the same sites at the same
 * calls, and adding a site does not change what the others do. Each firing is a trace event.
 *
 * <p>Threading: call it on the simulation's thread (from its greenlets); on any other thread it returns false.
 */
public final class Buggify {
    private Buggify() {
    }

    /**
     * Whether this call site fires now: false outside a simulation; else see the class comment.
     *
     * @return whether this call site fires now
     */
    public static boolean fires() {
        BuggifySites s = Simulation.buggifySites();
        return s != null && s.fires(Buggify.class, BuggifySites.FIRING);
    }

    /**
     * Whether this call site fires now, with probability {@code p} when it is active.
     *
     * @param p the probability that an active site fires, in [0, 1]
     * @return whether this call site fires now
     * @throws IllegalArgumentException if {@code p} is not in [0, 1]
     */
    public static boolean fires(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        BuggifySites s = Simulation.buggifySites();
        return s != null && s.fires(Buggify.class, p);
    }
}
