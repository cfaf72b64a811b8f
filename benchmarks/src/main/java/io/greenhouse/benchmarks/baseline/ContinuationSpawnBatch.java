package io.greenhouse.benchmarks.baseline;

import io.greenhouse.benchmarks.SpawnBatch;

/**
 * Baseline for create + run + finish on the JDK backend (JDK 21+): a raw JDK continuation with an empty body,
 * created and run to its end on the benchmark thread, {@code count} times.
 */
public final class ContinuationSpawnBatch implements SpawnBatch {
    private static final Runnable EMPTY = () -> { };

    @Override
    public void spawnAndFinish(int count) {
        for (int i = 0; i < count; i++) {
            Continuations.run(Continuations.create(EMPTY));
        }
    }

    @Override
    public void close() {
    }
}
