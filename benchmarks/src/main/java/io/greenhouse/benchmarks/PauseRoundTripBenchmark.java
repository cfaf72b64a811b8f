package io.greenhouse.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import io.greenhouse.benchmarks.baseline.ContinuationYieldRing;
import io.greenhouse.benchmarks.baseline.QuasarForkJoinYieldRing;
import io.greenhouse.benchmarks.baseline.QuasarInPlaceYieldRing;
import io.greenhouse.benchmarks.baseline.VirtualThreadYieldRing;

/**
 * Switch cost: {@code greenlets} greenlets each looping on {@link io.greenhouse.Scheduler#pause()} on one
 * hub, plus the main greenlet; reported in nanoseconds per switch (one greenlet's turn).
 *
 * <p>Greenhouse runs on each of its continuation backends: {@code greenhouse} on Quasar (the default),
 * {@code greenhouseJdk} on the JDK's continuations (JDK 21+). Baselines, same run, same carrier count (one
 * thread) and the same number of ring members ({@code greenlets + 1}): Quasar fibers looping on
 * {@code Fiber.yield()} on a {@code FiberForkJoinScheduler} of parallelism 1 ({@code quasarForkJoin}); on JDK
 * 21+, raw JDK continuations looping on {@code Continuation.yield} in a bare FIFO loop ({@code continuation},
 * the floor of the JDK backend), and virtual threads looping on {@code Thread.yield()} with
 * {@code jdk.virtualThreadScheduler.parallelism=1} ({@code virtualThreads}); {@link BenchmarkMain} leaves the
 * JDK 21+ ones out on older JDKs.
 *
 * <p>Each invocation lets the ring make {@value #SWITCHES} switches. Greenhouse's ring is driven by the
 * benchmark thread (its main greenlet), in whole rounds: {@code round(SWITCHES / (greenlets + 1))} rounds,
 * which is within 0.001 % of {@code SWITCHES} for the sizes here. The baselines' rings run on their own
 * carrier thread and count their switches; the benchmark thread waits (polling every 20 us) until the
 * count has grown by {@code SWITCHES}.
 */
public class PauseRoundTripBenchmark extends GreenhouseBenchmark {
    /** Switches per invocation: enough to hide the baselines' cross-thread hand-off and polling. */
    static final int SWITCHES = 1_000_000;

    /** Greenlets (or fibers, or virtual threads) in the ring besides the driver. */
    @Param({"1", "1000", "100000"})
    public int greenlets;

    /**
     * The scheduler under test. Also {@code quasarInPlace} on request ({@code -p scheduler=quasarInPlace}):
     * the floor of greenhouse's own mechanism, see {@link QuasarInPlaceYieldRing}.
     */
    @Param({"greenhouse", "greenhouseJdk", "continuation", "quasarForkJoin", "virtualThreads"})
    public String scheduler;

    private YieldRing ring;

    @Override
    protected String backend() {
        return backendOf(scheduler);
    }

    /** The backend a {@code scheduler} parameter runs greenhouse on: {@code greenhouseJdk} is the JDK's. */
    static String backendOf(String scheduler) {
        return scheduler.equals("greenhouseJdk") ? "jdk" : "quasar";
    }

    @Setup(Level.Trial)
    public void startRing() throws Exception {
        ring = newRing(scheduler);
        ring.start(greenlets + 1);
    }

    @TearDown(Level.Trial)
    public void stopRing() throws Exception {
        ring.close();
    }

    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public void pauseRoundTrip() throws Exception {
        ring.advance(SWITCHES);
    }

    static YieldRing newRing(String scheduler) {
        switch (scheduler) {
            case "greenhouse": return new GreenhouseYieldRing();
            case "greenhouseJdk": return new GreenhouseYieldRing();
            case "continuation": return new ContinuationYieldRing();
            case "quasarForkJoin": return new QuasarForkJoinYieldRing();
            case "virtualThreads": return new VirtualThreadYieldRing();
            case "quasarInPlace": return new QuasarInPlaceYieldRing();
            default: throw new IllegalArgumentException("unknown scheduler: " + scheduler);
        }
    }
}
