package io.greenhouse.benchmarks;

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
 * range and ratio to {@code quasarForkJoin}.
 */
public final class InterleavedSwitchLoop {
    static final long WARM_SWITCHES = 2_000_000;
    static final long TIMED_SWITCHES = 3_000_000;

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
        for (int round = 0; round < rounds; round++) {
            for (int size : sizes) {
                List<String> order = new ArrayList<>(schedulers);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String scheduler : order) {
                    double ns = oneRound(scheduler, size);
                    results.computeIfAbsent(size + " " + scheduler, k -> new ArrayList<>()).add(ns);
                    System.out.printf("round %d  %7d greenlets  %-15s %8.1f ns/switch%n", round + 1, size, scheduler, ns);
                }
            }
        }
        System.out.println();
        System.out.println("| greenlets | scheduler | median ns/switch | range | x quasarForkJoin |");
        System.out.println("|---|---|---|---|---|");
        for (int size : sizes) {
            double base = median(results.get(size + " quasarForkJoin"));
            for (String scheduler : schedulers) {
                List<Double> r = results.get(size + " " + scheduler);
                double m = median(r);
                System.out.printf("| %d | %s | %.1f | %.1f-%.1f | %.2fx |%n", size, scheduler, m,
                        r.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                        r.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), m / base);
            }
        }
    }

    /** One fresh ring: start, warm, time, close; ns per switch. */
    private static double oneRound(String scheduler, int greenlets) throws Exception {
        YieldRing ring = PauseRoundTripBenchmark.newRing(scheduler);
        ring.start(greenlets + 1);
        try {
            ring.advance(WARM_SWITCHES);
            long t0 = System.nanoTime();
            ring.advance(TIMED_SWITCHES);
            return (double) (System.nanoTime() - t0) / TIMED_SWITCHES;
        } finally {
            ring.close();
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
