package io.greenhouse.test.internal;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Seeds: how they are written, read back, drawn, and how one seed becomes an independent stream of random
 * numbers per purpose.
 *
 * <p>Each purpose (the network's latencies and losses, the schedule's orders, buggify, the test's own
 * {@code random()}) gets its own {@link SeededRandom} seeded from {@code mix(seed ^ mix(tag))}, so that a new
 * draw for one purpose never shifts the numbers another purpose sees.
 */
public final class Seeds {
    /** The system property that replays one seed: {@code -Dgreenhouse.seed=0x5deece66d}. */
    public static final String PROPERTY = "greenhouse.seed";

    /** The streams a simulation draws from, one per purpose. */
    public enum Purpose {
        /** Latencies, losses, duplications and short reads and writes of the simulated network. */
        NETWORK(0x6e6574776f726bL),
        /** {@code Schedule.RANDOM}'s orders: wakeups of one poll and timers due at the same instant. */
        SCHEDULE(0x7363686564756c65L),
        /** Which {@code Buggify} sites are active, and when they fire. */
        BUGGIFY(0x6275676769667900L),
        /** The test's own choices, {@code Simulation.random()}. */
        TEST(0x7465737400L);

        final long tag;   // immutable; fixed forever, so that streams stay the same across versions

        Purpose(long tag) {
            this.tag = tag;
        }
    }

    private Seeds() {
    }

    /**
     * {@code 0x} and the seed in unsigned hex: {@code 0x5deece66d}.
     *
     * @param seed the seed
     * @return its hex form
     */
    public static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }

    /**
     * How a failure message starts: the seed and how to replay it.
     *
     * @param seed the seed of the failed run
     * @return {@code "seed 0x2a (replay: -Dgreenhouse.seed=0x2a)"}
     */
    public static String replayHint(long seed) {
        return "seed " + hex(seed) + " (replay: -D" + PROPERTY + "=" + hex(seed) + ")";
    }

    /**
     * Reads a seed as written by {@link #hex} ({@code 0x...}, unsigned) or in decimal (signed).
     *
     * @param text the seed as written
     * @return the seed
     * @throws IllegalArgumentException if {@code text} is neither; the message names the text
     */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a seed: \"" + text
                    + "\" (write it as printed in the failure, such as 0x5deece66d, or in decimal)", e);
        }
    }

    /**
     * The seed given with {@code -Dgreenhouse.seed}, or null if that property is not set or blank.
     *
     * @return the seed, or null
     */
    public static Long fromSystemProperty() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            return null;
        }
        return parse(s);
    }

    /**
     * A fresh random seed, never 0 (0 means "no seed" in annotations).
     *
     * @return the new seed
     */
    public static long random() {
        long s;
        SecureRandom r = new SecureRandom();
        do {
            s = r.nextLong();
        } while (s == 0);
        return s;
    }

    /**
     * The {@code index}-th seed after {@code base}: a well-mixed sequence, never 0.
     *
     * @param base the first seed of the sequence
     * @param index the position in it, from 0
     * @return the seed at that position
     */
    public static long nth(long base, int index) {
        long s = mix(base + 0x9e3779b97f4a7c15L * (index + 1L));
        return s == 0 ? 1 : s;
    }

    /**
     * The independent stream of {@code seed} for {@code purpose}.
     *
     * @param seed the run's seed
     * @param purpose what the stream is for
     * @return a new generator
     */
    public static SeededRandom stream(long seed, Purpose purpose) {
        return new SeededRandom(mix(seed ^ mix(purpose.tag)));
    }

    /**
     * The independent stream of {@code seed} for one call site or other keyed use.
     *
     * @param seed the run's seed
     * @param purpose what the stream is for
     * @param key which use of that purpose, such as a call site's hash
     * @return a new generator
     */
    public static SeededRandom stream(long seed, Purpose purpose, long key) {
        return new SeededRandom(mix(mix(seed ^ mix(purpose.tag)) ^ mix(key)));
    }

    /**
     * A 64-bit finalizer (the SplitMix64 one): every input bit affects every output bit.
     *
     * @param z the value to mix
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A 64-bit hash of {@code s} that depends only on its characters (FNV-1a), stable across JVMs.
     *
     * @param s the string
     * @return its hash
     */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
