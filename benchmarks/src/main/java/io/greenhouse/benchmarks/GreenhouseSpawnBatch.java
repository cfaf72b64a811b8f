package io.greenhouse.benchmarks;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * {@link Scheduler#schedule(GreenRunnable)} of {@code count} greenlets with an empty body, then one
 * {@link Scheduler#pause()} of the main greenlet, in whose round all of them start, run and end.
 *
 * <p>Threading: the hub is the calling thread's; every method MUST be called on that thread.
 */
public final class GreenhouseSpawnBatch implements SpawnBatch {
    private static final GreenRunnable EMPTY = () -> { };

    private final Hub hub = GreenhouseBenchmark.hubWithRequestedPoller();

    @Override
    public void spawnAndFinish(int count) throws SuspendExecution {
        for (int i = 0; i < count; i++) {
            Scheduler.schedule(EMPTY);
        }
        Scheduler.pause();
    }

    @Override
    public void close() {
        if (!hub.isClosed()) {
            hub.close();
        }
    }
}
