package io.greenhouse.test.internal;

import java.util.random.RandomGenerator;

/**
 * A seeded random number generator whose every output is defined here, so that the same seed gives the
 * same numbers on every JDK: SplitMix64 for the 64-bit stream, and this class's own bounded and floating
 * draws (the JDK's default methods are not promised to stay the same across releases).
 *
 * <p>Threading: not thread-safe; each stream has one owner (the simulation's thread).
 */
public final class SeededRandom implements RandomGenerator {
    private long state;   // owner thread only

    /**
     * A generator whose sequence is determined by {@code seed}.
     *
     * @param seed the seed
     */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        return Seeds.mix(state);
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Uniform in [0, 1), with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), by rejection, so without bias. */
    @Override
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = bound - 1;
        if ((bound & m) == 0) {
            return nextLong() & m;
        }
        long limit = Long.remainderUnsigned(-bound, bound);   // 2^64 mod bound: values below it are biased
        for (;;) {
            long r = nextLong();
            if (Long.compareUnsigned(r, limit) >= 0) {
                return Long.remainderUnsigned(r, bound);
            }
        }
    }

    /** Uniform in [origin, bound). */
    @Override
    public long nextLong(long origin, long bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin >= bound: " + origin + " >= " + bound);
        }
        long span = bound - origin;
        if (span > 0) {
            return origin + nextLong(span);
        }
        long r;
        do {
            r = nextLong();
        } while (r < origin || r >= bound);
        return r;
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) nextLong(bound);
    }

    @Override
    public int nextInt(int origin, int bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin >= bound: " + origin + " >= " + bound);
        }
        return (int) nextLong(origin, bound);
    }

    /** Uniform in [0, bound). */
    @Override
    public double nextDouble(double bound) {
        if (!(bound > 0 && bound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("bound must be positive and finite: " + bound);
        }
        double r = nextDouble() * bound;
        return r < bound ? r : Math.nextDown(bound);
    }

    /** Uniform in [origin, bound). */
    @Override
    public double nextDouble(double origin, double bound) {
        if (!(origin < bound && bound - origin < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("need origin < bound, both finite: " + origin + ", " + bound);
        }
        double r = origin + nextDouble() * (bound - origin);
        return r < bound ? r : Math.nextDown(bound);
    }

    /**
     * Uniform in [min, max], both included.
     *
     * @param min the lowest value
     * @param max the highest value, at least {@code min}
     * @return the value drawn
     */
    public long between(long min, long max) {
        if (min == max) {
            return min;
        }
        return max == Long.MAX_VALUE ? nextLong(min, max) : nextLong(min, max + 1);
    }

    /**
     * True with probability {@code p} (0: never, 1: always, without a draw in both cases).
     *
     * @param p the probability, in [0, 1]
     * @return the outcome
     */
    public boolean chance(double p) {
        if (p <= 0) {
            return false;
        }
        if (p >= 1) {
            return true;
        }
        return nextDouble() < p;
    }

    /**
     * Shuffles {@code list} in place (Fisher-Yates, from the end).
     *
     * @param <T> the element type
     * @param list the list to shuffle
     */
    public <T> void shuffle(java.util.List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            if (j != i) {
                T t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
    }

    /** Fills {@code bytes} with random bytes. */
    @Override
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long r = nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, r >>>= 8) {
                bytes[i++] = (byte) r;
            }
        }
    }
}
