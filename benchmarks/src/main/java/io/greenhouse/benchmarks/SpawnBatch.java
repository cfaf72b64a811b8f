package io.greenhouse.benchmarks;

/**
 * Creates a batch of trivial tasks, runs each to completion and waits for all: the workload of
 * {@link GreenletLifecycleBenchmark}. One implementation per scheduler ({@link GreenhouseSpawnBatch}, and
 * the baselines in {@code io.greenhouse.benchmarks.baseline}).
 *
 * <p>Threading: every method is called on the benchmark thread.
 */
public interface SpawnBatch extends AutoCloseable {
    /** Creates, starts and finishes {@code count} tasks with an empty body; returns when all have ended. */
    void spawnAndFinish(int count) throws Exception;

    @Override
    void close() throws Exception;
}
