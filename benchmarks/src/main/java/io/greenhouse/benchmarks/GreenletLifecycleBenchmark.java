package io.greenhouse.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import io.greenhouse.benchmarks.baseline.ContinuationSpawnBatch;
import io.greenhouse.benchmarks.baseline.QuasarForkJoinSpawnBatch;
import io.greenhouse.benchmarks.baseline.VirtualThreadSpawnBatch;

/**
 * Create + run + finish one greenlet with an empty body, in nanoseconds per greenlet.
 *
 * <p>Each invocation spawns a batch of {@value #BATCH} and waits until all have ended: greenhouse schedules
 * them from the main greenlet and pauses once; the baselines start a driver on their one carrier thread
 * that starts the batch and joins each member, while the benchmark thread joins the driver. A batch hides
 * the baselines' hand-off between the benchmark thread and their carrier (tens of microseconds).
 *
 * <p>Greenhouse on Quasar ({@code greenhouse}) and on the JDK's continuations ({@code greenhouseJdk}, JDK 21+).
 * Baselines, same run: Quasar {@code Fiber.start} + {@code join} on a {@code FiberForkJoinScheduler} of
 * parallelism 1 ({@code quasarForkJoin}); on JDK 21+ a raw JDK continuation created and run to its end
 * ({@code continuation}) and virtual thread start + join on one carrier ({@code virtualThreads}).
 */
public class GreenletLifecycleBenchmark extends GreenhouseBenchmark {
    /** Tasks per invocation. */
    static final int BATCH = 10_000;

    /** The scheduler under test. */
    @Param({"greenhouse", "greenhouseJdk", "continuation", "quasarForkJoin", "virtualThreads"})
    public String scheduler;

    private SpawnBatch spawner;

    @Override
    protected String backend() {
        return PauseRoundTripBenchmark.backendOf(scheduler);
    }

    @Setup(Level.Trial)
    public void createSpawner() {
        switch (scheduler) {
            case "greenhouse": spawner = new GreenhouseSpawnBatch(); break;
            case "greenhouseJdk": spawner = new GreenhouseSpawnBatch(); break;
            case "continuation": spawner = new ContinuationSpawnBatch(); break;
            case "quasarForkJoin": spawner = new QuasarForkJoinSpawnBatch(); break;
            case "virtualThreads": spawner = new VirtualThreadSpawnBatch(); break;
            default: throw new IllegalArgumentException("unknown scheduler: " + scheduler);
        }
    }

    @TearDown(Level.Trial)
    public void closeSpawner() throws Exception {
        spawner.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void createRunFinish() throws Exception {
        spawner.spawnAndFinish(BATCH);
    }
}
