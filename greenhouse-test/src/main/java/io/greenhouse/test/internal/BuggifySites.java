package io.greenhouse.test.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The buggify call sites of one simulation run: whether each is active, and its firing draws.
 *
 * <p>A call site is named by class, method and line ({@code com.example.Store#put:42}). Its activation and
 * its firings come from its own stream, derived from the seed and the site's name, so that the same seed
 * activates the same sites whatever order they are first reached in, and a new site changes nothing for
 * the others.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class BuggifySites {
    /** The probability that a site is active for the whole run. */
    public static final double ACTIVATION = 0.25;
    /** The probability that an active site fires at a call, unless the call gives its own. */
    public static final double FIRING = 0.25;

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final long seed;                               // immutable
    private final TraceLog trace;                          // immutable; may be null
    private final LongSupplier clock;      // immutable; epoch nanos
    private final Map<String, Site> sites = new HashMap<>(); // owner thread; lookups only

    /**
     * The sites of a run of {@code seed}; firings are traced to {@code trace} (may be null) at {@code clock}.
     *
     * @param seed the run's seed
     * @param trace where firings are traced, or null
     * @param clock the virtual time in epoch nanoseconds
     */
    public BuggifySites(long seed, TraceLog trace, LongSupplier clock) {
        this.seed = seed;
        this.trace = trace;
        this.clock = clock;
    }

    /**
     * Whether the call site that called {@code caller}'s method fires now, with probability {@code p} if it
     * is active.
     *
     * @param caller the class of {@code Buggify}'s caller's caller: the call site's class
     * @param p the probability that an active site fires
     * @return whether it fires
     */
    public boolean fires(Class<?> caller, double p) {
        String name = callSite(caller.getName());
        Site s = sites.get(name);
        if (s == null) {
            s = new Site(Seeds.stream(seed, Seeds.Purpose.BUGGIFY, Seeds.hash(name)));
            sites.put(name, s);
        }
        if (!s.active || !s.random.chance(p)) {
            return false;
        }
        if (trace != null) {
            trace.append(clock.getAsLong(), "buggify", null, null, name);
        }
        return true;
    }

    private static String callSite(String skipClass) {
        StackWalker.StackFrame f = WALKER.walk(frames -> frames
                .filter(x -> !x.getClassName().equals(skipClass) && !x.getClassName().equals(BuggifySites.class.getName()))
                .findFirst().orElse(null));
        return f == null ? "?" : f.getClassName() + "#" + f.getMethodName() + ":" + f.getLineNumber();
    }

    private static final class Site {
        final SeededRandom random;   // owner thread
        final boolean active;        // immutable

        Site(SeededRandom random) {
            this.random = random;
            this.active = random.chance(ACTIVATION);
        }
    }
}
