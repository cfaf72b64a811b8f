package io.greenhouse.benchmarks.baseline;

import java.util.concurrent.ExecutionException;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberForkJoinScheduler;
import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.strands.SuspendableRunnable;
import io.greenhouse.benchmarks.SpawnBatch;

/**
 * Baseline for create + run + finish: a driver fiber on Quasar's fork-join scheduler (parallelism 1, no
 * monitoring) starts {@code count} fibers with an empty body and joins each of them.
 */
public final class QuasarForkJoinSpawnBatch implements SpawnBatch {
    private static final SuspendableRunnable EMPTY = () -> { };

    private final FiberForkJoinScheduler scheduler = new FiberForkJoinScheduler("bench", 1, MonitorType.NONE, false);

    @Override
    public void spawnAndFinish(int count) throws Exception {
        new Fiber<Void>(scheduler, () -> drive(count)).start().join();
    }

    private void drive(int count) throws SuspendExecution, InterruptedException {
        @SuppressWarnings("unchecked")
        Fiber<Void>[] batch = new Fiber[count];
        for (int i = 0; i < count; i++) {
            batch[i] = new Fiber<Void>(scheduler, EMPTY).start();
        }
        for (Fiber<Void> f : batch) {
            join(f);
        }
    }

    private static void join(Fiber<Void> f) throws SuspendExecution, InterruptedException {
        try {
            f.join();
        } catch (ExecutionException e) {
            throw failed(e);
        }
    }

    /** Built outside the suspendable method: Quasar 0.8's agent warns about a `new` thrown from one. */
    private static IllegalStateException failed(ExecutionException e) {
        return new IllegalStateException("an empty fiber failed", e);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
