package io.greenhouse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pause round trip outside JMH: one JVM, the schedulers interleaved round by round (A B A B, the order
 * alternating), a fresh ring of greenlets (or fibers) each round. JMH gives every scheduler a JVM of its own,
 * whose JIT sees one scheduler only; here they share the JIT's profiles, as they would in one program, and no
 * round reuses a warmed ring.
 *
 * <pre>
 * java -javaagent:... (the flags of BenchmarkMain) -cp benchmarks.jar io.greenhouse.benchmarks.InterleavedSwitchLoop \
 *      [rounds] [greenlets,...] [scheduler,...]
 * </pre>
 *
 * Defaults: 7 rounds; 1, 1000 and 100000 greenlets; {@code greenhouse} and {@code quasarForkJoin} (and
 * {@code virtualThreads} on JDK 21+). Each round of each (size, scheduler) starts a ring of
 * {@code greenlets + 1} members, lets it make {@value #WARM_SWITCHES} switches, then times
 * {@value #TIMED_SWITCHES} more, and closes it. Prints each round's ns per switch, then per size the median,
 * range and ratio to {@code quasarForkJoin}, of wall time and of CPU time: the CPU time of the threads that run
 * the ring (the hub's thread for greenhouse; the pool's {@code ForkJoinPool-*} carrier threads for the
 * baselines, whose benchmark thread only polls the switch count), which a loaded machine moves much less
 * than wall time.
 */
public final class InterleavedSwitchLoop {
    static final long WARM_SWITCHES = 2_000_000;
    static final long TIMED_SWITCHES = 3_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InterleavedSwitchLoop() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 1000, 100_000};
        List<String> schedulers = args.length > 2 ? List.of(args[2].split(","))
                : GreenhouseBenchmark.jdkFeature() >= 21 ? List.of("greenhouse", "quasarForkJoin", "virtualThreads")
                : List.of("greenhouse", "quasarForkJoin");
        System.out.println("# interleaved switch loop on " + GreenhouseBenchmark.describeJdk() + ", poller: "
                + GreenhouseBenchmark.hubWithRequestedPoller().pollerName() + ", " + rounds + " rounds");
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<String, List<Double>> cpuResults = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int size : sizes) {
                List<String> order = new ArrayList<>(schedulers);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String scheduler : order) {
                    double[] ns = oneRound(scheduler, size);
                    results.computeIfAbsent(size + " " + scheduler, k -> new ArrayList<>()).add(ns[0]);
                    cpuResults.computeIfAbsent(size + " " + scheduler, k -> new ArrayList<>()).add(ns[1]);
                    System.out.printf("round %d  %7d greenlets  %-15s %8.1f ns/switch wall %8.1f cpu%n", round + 1, size,
                            scheduler, ns[0], ns[1]);
                }
            }
        }
        table("wall", results, sizes, schedulers);
        table("cpu", cpuResults, sizes, schedulers);
    }

    private static void table(String what, Map<String, List<Double>> results, int[] sizes, List<String> schedulers) {
        System.out.println();
        System.out.println("| greenlets | scheduler | median ns/switch (" + what + ") | range | x quasarForkJoin |");
        System.out.println("|---|---|---|---|---|");
        for (int size : sizes) {
            List<Double> baseline = results.get(size + " quasarForkJoin");
            double base = baseline == null ? Double.NaN : median(baseline);
            for (String scheduler : schedulers) {
                List<Double> r = results.get(size + " " + scheduler);
                double m = median(r);
                System.out.printf("| %d | %s | %.1f | %.1f-%.1f | %.2fx |%n", size, scheduler, m,
                        r.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                        r.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), m / base);
            }
        }
    }

    /** One fresh ring: start, warm, time, close; wall and CPU ns per switch. */
    private static double[] oneRound(String scheduler, int greenlets) throws Exception {
        YieldRing ring = PauseRoundTripBenchmark.newRing(scheduler);
        ring.start(greenlets + 1);
        try {
            ring.advance(WARM_SWITCHES);
            boolean onThisThread = scheduler.equals("greenhouse") || scheduler.equals("quasarInPlace");
            long[] ids = onThisThread ? new long[] {Thread.currentThread().getId()} : carrierIds();
            long c0 = cpuNanos(ids);
            long t0 = System.nanoTime();
            ring.advance(TIMED_SWITCHES);
            long wall = System.nanoTime() - t0;
            long cpu = cpuNanos(ids) - c0;
            return new double[] {(double) wall / TIMED_SWITCHES, (double) cpu / TIMED_SWITCHES};
        } finally {
            ring.close();
        }
    }

    /** The live threads of fork-join pools: Quasar's fork-join scheduler's and the virtual threads' carriers. */
    private static long[] carrierIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ForkJoinPool"))
                .mapToLong(Thread::getId).toArray();
    }

    private static long cpuNanos(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
