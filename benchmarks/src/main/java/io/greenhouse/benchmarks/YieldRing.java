package io.greenhouse.benchmarks;

/**
 * A ring of tasks on one carrier thread that do nothing but yield to each other: the workload of
 * {@link PauseRoundTripBenchmark}. One implementation per scheduler ({@link GreenhouseYieldRing}, and the
 * baselines in {@code io.greenhouse.benchmarks.baseline}).
 *
 * <p>Threading: every method is called on the benchmark thread.
 */
public interface YieldRing extends AutoCloseable {
    /** Starts {@code members} tasks that loop on their scheduler's yield, and waits until all are looping. */
    void start(int members) throws Exception;

    /** Lets the ring perform (at least) {@code switches} more switches, and returns when it has. */
    void advance(long switches) throws Exception;

    /** Stops every task and releases the carrier. */
    @Override
    void close() throws Exception;
}
