package io.greenhouse.benchmarks.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.benchmarks.GreenhouseBenchmark;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.test.SimHost;
import io.greenhouse.test.Simulation;

/**
 * The harness's figures, each round measuring every variant in turn (medians of the rounds are printed):
 * <ol>
 *   <li>switch cost: a ring of greenlets on {@link Scheduler#pause()}, on the production hub (the best poller)
 *       and inside a {@link Simulation} (one host; the trace keeps its lines, or only its hash);</li>
 *   <li>a simulated hour: 10,000 greenlets, each sleeping a seeded 1-60 s in a loop, until the hour is over;
 *       CPU and wall time of the run (the trace keeps only its hash: an hour is about 1.2 million switches), and of the
 *       same loop on a plain virtual-time hub ({@code VirtualClock.newPoller()}: no hosts, no trace);</li>
 *   <li>seeds per second: a server and two client hosts, 1,000 round trips of 64 bytes over green sockets
 *       with 1-5 ms of seeded latency, one simulation per seed (the trace keeps its lines, as in a test).</li>
 * </ol>
 * <p>Run (after {@code mvn -B -o install -DskipTests}):
 * <pre>
 * java -javaagent:benchmarks/target/greenhouse-quasar.jar --add-opens java.base/java.lang=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar io.greenhouse.benchmarks.harness.HarnessBenchmark [rounds]
 * </pre>
 * Rounds default to 5; {@code HarnessBenchmark <rounds> hour} runs only the two hours, alternately. Times are
 * CPU time of the benchmark's one thread ({@code ThreadMXBean}), which on a shared
 * machine leaves out what other processes took (on an idle machine it is the wall time); still, compare the
 * ratios of one run, not absolute figures across runs.
 */
public final class HarnessBenchmark {
    private static final int RING = 100;
    private static final int SWITCHES = 2_000_000;
    private static final int SLEEPERS = 10_000;
    private static final int ROUND_TRIPS = 1_000;
    private static final int SEEDS = 100;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private HarnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (args.length > 1 && args[1].equals("hour")) {
            hourOnly(rounds);
            return;
        }
        System.out.println("# environment: " + GreenhouseBenchmark.describeJdk() + ", production poller: "
                + GreenhouseBenchmark.hubWithRequestedPoller().pollerName());
        GreenhouseBenchmark.hubWithRequestedPoller().close();
        double[] prod = new double[rounds];
        double[] simLines = new double[rounds];
        double[] simHash = new double[rounds];
        double[] hour = new double[rounds];
        double[] plainHour = new double[rounds];
        double[] hourWall = new double[rounds];
        double[] plainHourWall = new double[rounds];
        double[] wall = new double[1];
        double[] seeds = new double[rounds];
        long[] hourSwitches = {0};
        for (int warm = 0; warm < 2; warm++) {
            productionSwitchNanos();
            simulatedSwitchNanos(true);
            simulatedSwitchNanos(false);
            seedsPerSecond(10);
        }
        for (int r = 0; r < rounds; r++) {
            prod[r] = productionSwitchNanos();
            simLines[r] = simulatedSwitchNanos(true);
            simHash[r] = simulatedSwitchNanos(false);
            hour[r] = simulatedHourSeconds(hourSwitches, wall);
            hourWall[r] = wall[0];
            plainHour[r] = plainVirtualHourSeconds(wall);
            plainHourWall[r] = wall[0];
            seeds[r] = seedsPerSecond(SEEDS);
            System.out.printf("round %d: switch ns production %.1f, simulation %.1f (lines) %.1f (hash); hour %.3f s"
                    + " CPU, %.3f s wall (plain virtual-time hub %.3f s CPU, %.3f s wall); %.0f seeds/s%n", r + 1, prod[r],
                    simLines[r], simHash[r], hour[r], hourWall[r], plainHour[r], plainHourWall[r], seeds[r]);
        }
        double p = median(prod);
        System.out.println();
        System.out.printf("| figure | median | range | target |%n|---|---|---|---|%n");
        System.out.printf("| switch, production hub (ring of %d) | %.1f ns | %.1f-%.1f | baseline |%n", RING, p,
                min(prod), max(prod));
        double[] linesRatio = ratios(simLines, prod);
        double[] hashRatio = ratios(simHash, prod);
        System.out.printf("| switch, simulation, trace lines kept | %.1f ns, %.2fx | %.2f-%.2fx | <= 1.5x |%n",
                median(simLines), median(linesRatio), min(linesRatio), max(linesRatio));
        System.out.printf("| switch, simulation, trace hash only | %.1f ns, %.2fx | %.2f-%.2fx | <= 1.5x |%n",
                median(simHash), median(hashRatio), min(hashRatio), max(hashRatio));
        System.out.printf("| 1 simulated hour, %,d greenlets sleeping 1-60 s (%,d switches), CPU | %.3f s | %.3f-%.3f s"
                + " | < 1 s |%n", SLEEPERS, hourSwitches[0], median(hour), min(hour), max(hour));
        System.out.printf("| the same, wall time | %.3f s | %.3f-%.3f s | < 1 s |%n", median(hourWall), min(hourWall),
                max(hourWall));
        double[] hourRatio = ratios(hour, plainHour);
        double[] hourWallRatio = ratios(hourWall, plainHourWall);
        System.out.printf("| the same hour on a plain virtual-time hub (VirtualClock.newPoller(), no trace), CPU |"
                + " %.3f s | %.3f-%.3f s | baseline (simulation / plain: %.2fx, %.2f-%.2fx) |%n", median(plainHour),
                min(plainHour), max(plainHour), median(hourRatio), min(hourRatio), max(hourRatio));
        System.out.printf("| the plain hour, wall time | %.3f s | %.3f-%.3f s | baseline (simulation / plain: %.2fx,"
                + " %.2f-%.2fx) |%n", median(plainHourWall), min(plainHourWall), max(plainHourWall),
                median(hourWallRatio), min(hourWallRatio), max(hourWallRatio));
        System.out.printf("| seeds/s, 3 hosts, %,d round trips | %.0f | %.0f-%.0f | >= 100 |%n", ROUND_TRIPS,
                median(seeds), min(seeds), max(seeds));
    }

    /** Only the simulated hour and the plain one, alternately, {@code rounds} times: CPU seconds and their ratio. */
    private static void hourOnly(int rounds) throws Exception {
        System.out.println("# environment: " + GreenhouseBenchmark.describeJdk() + "; the hour only");
        double[] wall = new double[1];
        long[] switches = new long[1];
        for (int r = 1; r <= rounds; r++) {
            long a0 = allocatedBytes();
            double sim = simulatedHourSeconds(switches, wall);
            double simBytes = (double) (allocatedBytes() - a0) / switches[0];
            double simWall = wall[0];
            a0 = allocatedBytes();
            double plain = plainVirtualHourSeconds(wall);
            double plainBytes = (double) (allocatedBytes() - a0) / switches[0];
            System.out.printf("round %d: simulated hour %.3f s CPU, %.3f s wall, %.1f B/switch; plain virtual-time hub"
                    + " %.3f s CPU, %.3f s wall, %.1f B/switch; simulation / plain %.2fx%n", r, sim, simWall, simBytes,
                    plain, wall[0], plainBytes, sim / plain);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Nanoseconds per switch of a pause ring on the production hub. */
    static double productionSwitchNanos() throws Exception {
        Hub hub = GreenhouseBenchmark.hubWithRequestedPoller();
        try {
            return ring();
        } finally {
            hub.close();
        }
    }

    /** Nanoseconds per switch of the same ring inside a simulation. */
    static double simulatedSwitchNanos(boolean keepLines) {
        Simulation sim = Simulation.builder().seed(1).keepTraceLines(keepLines).build();
        double[] ns = {0};
        sim.host("ring").start(() -> ns[0] = ring());
        sim.run();
        return ns[0];
    }

    /** Runs the ring from the current greenlet; nanoseconds per switch. */
    private static double ring() throws SuspendExecution, InterruptedException {
        boolean[] stop = {false};
        long[] switches = {0};
        List<Greenlet> members = new ArrayList<>();
        for (int i = 1; i < RING; i++) {
            members.add(Scheduler.schedule(() -> {
                while (!stop[0]) {
                    Scheduler.pause();
                    switches[0]++;
                }
            }));
        }
        Scheduler.pause();
        long rounds = SWITCHES / RING;
        long t0 = cpuNanos();
        for (long r = 0; r < rounds; r++) {
            Scheduler.pause();
        }
        long elapsed = cpuNanos() - t0;
        stop[0] = true;
        for (Greenlet g : members) {
            g.join();
        }
        return (double) elapsed / (rounds * RING);
    }

    /**
     * CPU seconds of one simulated hour of {@link #SLEEPERS} greenlets sleeping a seeded 1-60 s in a loop; its wall
     * seconds go to {@code wall[0]}.
     */
    static double simulatedHourSeconds(long[] switches, double[] wall) {
        Simulation sim = Simulation.builder().seed(42).keepTraceLines(false).timeLimit(Duration.ofHours(2)).build();
        long end = sim.now().getEpochSecond() + 3600;
        sim.host("sleepers").start(() -> {
            List<Greenlet> all = new ArrayList<>(SLEEPERS);
            for (int i = 0; i < SLEEPERS; i++) {
                all.add(Scheduler.schedule(() -> {
                    while (Scheduler.time() < end) {
                        Scheduler.pauseFor(1 + sim.random().nextInt(60));
                    }
                }));
            }
            for (Greenlet g : all) {
                g.join();
            }
        });
        long w0 = System.nanoTime();
        long t0 = cpuNanos();
        sim.run();
        double s = (cpuNanos() - t0) / 1e9;
        wall[0] = (System.nanoTime() - w0) / 1e9;
        switches[0] = sim.trace().size();
        return s;
    }

    /** The same hour on a plain virtual-time hub: the clock's poller, no hosts, no trace (CPU; wall in wall[0]). */
    static double plainVirtualHourSeconds(double[] wall) throws Exception {
        io.greenhouse.test.VirtualClock clock = io.greenhouse.test.VirtualClock.at(Simulation.DEFAULT_START);
        Hub hub = Hub.install(clock, clock.newPoller());
        try {
            long end = clock.instant().getEpochSecond() + 3600;
            java.util.SplittableRandom random = new java.util.SplittableRandom(42);
            List<Greenlet> all = new ArrayList<>(SLEEPERS);
            long w0 = System.nanoTime();
            long t0 = cpuNanos();
            for (int i = 0; i < SLEEPERS; i++) {
                all.add(Scheduler.schedule(() -> {
                    while (Scheduler.time() < end) {
                        Scheduler.pauseFor(1 + random.nextInt(60));
                    }
                }));
            }
            for (Greenlet g : all) {
                g.join();
            }
            double s = (cpuNanos() - t0) / 1e9;
            wall[0] = (System.nanoTime() - w0) / 1e9;
            return s;
        } finally {
            hub.close();
        }
    }

    /** Seeds per second of the 3-host protocol test. */
    static double seedsPerSecond(int seeds) {
        long t0 = cpuNanos();
        for (int s = 1; s <= seeds; s++) {
            protocolTest(s);
        }
        return seeds / ((cpuNanos() - t0) / 1e9);
    }

    /** A server and two clients, {@link #ROUND_TRIPS} round trips of 64 bytes in all. */
    static void protocolTest(long seed) {
        Simulation sim = Simulation.builder().seed(seed).latency(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        SimHost server = sim.host("server");
        server.start(() -> {
            try (GreenServerSocket l = GreenServerSocket.bind(new java.net.InetSocketAddress(7), 16)) {
                List<Greenlet> sessions = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    GreenSocket c = l.accept();
                    sessions.add(Scheduler.schedule(() -> echo(c)));
                }
                for (Greenlet g : sessions) {
                    g.join();
                }
            }
        });
        for (int i = 0; i < 2; i++) {
            sim.host("client" + i).start(() -> {
                GreenSocket c = GreenSocket.connect("server", 7);
                ByteBuffer msg = ByteBuffer.allocate(64);
                for (int r = 0; r < ROUND_TRIPS / 2; r++) {
                    c.sendAll(new byte[64]);
                    msg.clear();
                    while (msg.hasRemaining()) {
                        c.read(msg);
                    }
                }
                c.close();
            });
        }
        sim.run();
    }

    private static void echo(GreenSocket c) throws SuspendExecution, IOException {
        byte[] b;
        while ((b = c.recv(64)).length > 0) {
            c.sendAll(b);
        }
        c.close();
    }

    /**
     * CPU time of the calling thread (every figure here runs on one thread): on a shared machine, unlike wall
     * time, it does not count the time other processes held the core; on an idle machine the two are the same.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Bytes the calling thread has allocated so far (the hour's figure per switch divides the whole run's, hub
     * creation and the greenlets' own included, by the simulated hour's switch count, which the plain hour matches to within a few per cent).
     */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
    }

    /** Per-round ratios a[r] / b[r]: the rounds share the machine's state, so their ratios are the figures. */
    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
