package io.greenhouse.benchmarks;

import java.util.Arrays;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/**
 * Timer precision: how late a greenlet's {@code Scheduler.pauseFor(0.05)} wakes, against how late
 * {@code Thread.sleep(50)} wakes on the same thread, samples interleaved one by one in one run.
 *
 * <pre>
 * java -javaagent:... (the flags of BenchmarkMain) -cp benchmarks.jar io.greenhouse.benchmarks.TimerLateness [samples]
 * </pre>
 *
 * Lateness is {@code System.nanoTime()} after the wake minus before the call, minus 50 ms; a negative value is
 * an early wake, counted separately. Default 200 samples of each (about 20 s). The first 10 of each are warm-up.
 */
public final class TimerLateness {
    private static final long PERIOD_NANOS = 50_000_000L;
    private static final int WARMUP = 10;

    private TimerLateness() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.println("# timer lateness on " + GreenhouseBenchmark.describeJdk() + ", poller: "
                + GreenhouseBenchmark.hubWithRequestedPoller().pollerName() + ", " + samples + " samples each");
        long[] green = new long[samples];
        long[] sleep = new long[samples];
        long[] slot = new long[1];
        for (int i = -WARMUP; i < samples; i++) {
            Greenlet g = Scheduler.schedule(() -> {
                long t0 = System.nanoTime();
                Scheduler.pauseFor(0.05);
                slot[0] = System.nanoTime() - t0 - PERIOD_NANOS;
            });
            g.joinOrThrow();
            long t0 = System.nanoTime();
            Thread.sleep(50);
            long late = System.nanoTime() - t0 - PERIOD_NANOS;
            if (i >= 0) {
                green[i] = slot[0];
                sleep[i] = late;
            }
        }
        System.out.println("| timer | p50 lateness | p99 lateness | max | min | early wakes |");
        System.out.println("|---|---|---|---|---|---|");
        print("Scheduler.pauseFor(0.05), greenlet", green);
        print("Thread.sleep(50), same thread", sleep);
        GreenhouseBenchmark.hubWithRequestedPoller().close();
    }

    private static void print(String what, long[] lateness) {
        long[] sorted = lateness.clone();
        Arrays.sort(sorted);
        long early = Arrays.stream(sorted).filter(x -> x < 0).count();
        System.out.printf("| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %d of %d |%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6, early, sorted.length);
    }
}
