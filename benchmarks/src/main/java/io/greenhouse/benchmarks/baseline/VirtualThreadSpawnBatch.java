package io.greenhouse.benchmarks.baseline;

import io.greenhouse.benchmarks.SpawnBatch;

/**
 * Baseline for create + run + finish on JDK 21+: a driver virtual thread starts {@code count} virtual
 * threads with an empty body and joins each of them, on one carrier thread.
 */
public final class VirtualThreadSpawnBatch implements SpawnBatch {
    private static final Runnable EMPTY = () -> { };

    @Override
    public void spawnAndFinish(int count) throws Exception {
        VirtualThreads.start(() -> drive(count)).join();
    }

    private static void drive(int count) {
        Thread[] batch = new Thread[count];
        for (int i = 0; i < count; i++) {
            batch[i] = VirtualThreads.start(EMPTY);
        }
        try {
            for (Thread t : batch) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
    }
}
