package io.greenhouse.benchmarks.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberForkJoinScheduler;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.benchmarks.GreenhouseBenchmark;
import io.greenhouse.benchmarks.baseline.Continuations;
import io.greenhouse.benchmarks.baseline.VirtualThreads;

/**
 * Heap per parked greenlet: parks {@code count} greenlets, measures the heap used after a full GC, and
 * divides the growth by {@code count}; then the same for the baselines.
 *
 * <ul>
 * <li>{@code greenhouse}: greenlets blocked in {@link GreenLockSupport#park(Object)} on one hub (on the JDK
 *     backend, {@code -Dgreenhouse.backend=jdk}, the variant is {@code greenhouseJdk} and the only one: the
 *     others need the agent, which that run goes without);</li>
 * <li>{@code quasarForkJoin}: Quasar fibers blocked in {@code Fiber.park()} on a fork-join scheduler of
 *     parallelism 1;</li>
 * <li>{@code virtualThreads} (JDK 21+): virtual threads blocked on a {@link CountDownLatch};</li>
 * <li>{@code continuation} (JDK 21+): raw JDK continuations suspended in {@code Continuation.yield}.</li>
 * </ul>
 * Each variant keeps a reference to every task in an array that is allocated before the first
 * measurement, so the array is not counted and a parked task cannot be collected. Before measuring, each
 * variant runs once with 1,000 tasks so that class loading and JIT do not count.
 *
 * <p>Usage: {@code ParkedMemory [count...] [--json file]}, default counts 100000 and 1000000; run with
 * {@code -Xmx4g}, the Quasar agent and the {@code --add-opens} flags ({@code BenchmarkMain memory} does).
 */
public final class ParkedMemory {
    private static final Object BLOCKER = "parked for ParkedMemory";

    private ParkedMemory() {
    }

    /** One way of parking tasks. */
    private interface Variant {
        String name();

        /** Starts {@code count} tasks, stores each in {@code refs}, returns once all are parked. */
        void park(Object[] refs, int count) throws Exception;

        /** Ends or drops every task of the last {@link #park}. */
        void release() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                json = Path.of(args[++i]);
            } else {
                counts.add(Integer.parseInt(args[i].replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100_000, 1_000_000);
        }
        boolean jdkBackend = "jdk".equals(System.getProperty(GreenhouseBenchmark.BACKEND_PROPERTY));
        List<Variant> variants = new ArrayList<>();
        variants.add(new GreenhouseVariant(jdkBackend ? "greenhouseJdk" : "greenhouse"));
        if (!jdkBackend) {
            variants.add(new QuasarVariant());
            if (VirtualThreads.available()) {
                variants.add(new VirtualThreadVariant());
                variants.add(new ContinuationVariant());
            }
        }
        String poller = Hub.current().pollerName();
        System.out.println("# ParkedMemory: " + GreenhouseBenchmark.describeJdk() + ", poller: " + poller
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, GC "
                + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());

        for (Variant v : variants) {   // warm up: class loading, JIT
            Object[] refs = new Object[1000];
            v.park(refs, refs.length);
            v.release();
        }

        StringBuilder out = new StringBuilder("[\n");
        System.out.printf("%-16s %10s %14s %12s%n", "variant", "count", "heap growth", "bytes/task");
        for (int count : counts) {
            for (Variant v : variants) {
                Object[] refs = new Object[count];
                Hub.current();  // the hub and its poller exist before the first measurement
                long before = usedAfterFullGc();
                v.park(refs, count);
                long after = usedAfterFullGc();
                v.release();
                java.util.Arrays.fill(refs, null);
                double perTask = (double) (after - before) / count;
                System.out.printf("%-16s %10d %11.1f MiB %12.1f%n", v.name(), count,
                        (after - before) / 1048576.0, perTask);
                if (out.length() > 2) {
                    out.append(",\n");
                }
                out.append(String.format("  {\"variant\": \"%s\", \"count\": %d, \"heapGrowthBytes\": %d, "
                        + "\"bytesPerTask\": %.1f, \"jdk\": \"%s\", \"poller\": \"%s\"}",
                        v.name(), count, after - before, perTask, System.getProperty("java.version"), poller));
            }
        }
        out.append("\n]\n");
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, out, StandardCharsets.UTF_8);
            System.out.println("# results written to " + json);
        }
        Hub.current().close();
    }

    /** Heap used after full collections, once it stops shrinking. */
    private static long usedAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** Greenlets parked on {@link GreenLockSupport#park(Object)}; released by closing the hub. */
    private static final class GreenhouseVariant implements Variant {
        private final String name;

        GreenhouseVariant(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void park(Object[] refs, int count) throws Exception {
            int others = Hub.current().liveGreenlets();  // the poller may start greenlets of its own
            for (int i = 0; i < count; i++) {
                refs[i] = Scheduler.schedule(() -> GreenLockSupport.park(BLOCKER));
            }
            Scheduler.pause();  // every greenlet runs until it parks
            int parked = Hub.current().liveGreenlets() - others;
            if (parked < count) {
                throw new IllegalStateException("expected " + count + " parked greenlets, found " + parked);
            }
        }

        @Override
        public void release() {
            Hub.current().close();  // ends every greenlet; the thread's next call gets a fresh hub
        }
    }

    /** Quasar fibers parked on {@code Fiber.park()}; released by shutting the scheduler down. */
    private static final class QuasarVariant implements Variant {
        private FiberForkJoinScheduler scheduler;

        @Override
        public String name() {
            return "quasarForkJoin";
        }

        @Override
        public void park(Object[] refs, int count) throws Exception {
            scheduler = new FiberForkJoinScheduler("memory", 1, MonitorType.NONE, false);
            AtomicInteger running = new AtomicInteger();
            for (int i = 0; i < count; i++) {
                refs[i] = new Fiber<Void>(scheduler, () -> {
                    running.incrementAndGet();
                    Fiber.park();
                }).start();
            }
            while (running.get() < count) {
                Thread.sleep(10);
            }
            if (!scheduler.getForkJoinPool().awaitQuiescence(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Quasar fibers did not all park");
            }
        }

        @Override
        public void release() {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    /** Raw JDK continuations suspended in their first yield; released by dropping them. */
    private static final class ContinuationVariant implements Variant {
        private static final Runnable YIELD_FOREVER = () -> {
            for (;;) {
                Continuations.yieldNow();
            }
        };

        @Override
        public String name() {
            return "continuation";
        }

        @Override
        public void park(Object[] refs, int count) {
            for (int i = 0; i < count; i++) {
                Object c = Continuations.create(YIELD_FOREVER);
                Continuations.run(c);
                refs[i] = c;
            }
        }

        @Override
        public void release() {
        }
    }

    /** Virtual threads parked on a latch; released by opening it. */
    private static final class VirtualThreadVariant implements Variant {
        private CountDownLatch latch;
        private Object[] threads;

        @Override
        public String name() {
            return "virtualThreads";
        }

        @Override
        public void park(Object[] refs, int count) throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            latch = gate;
            threads = refs;
            for (int i = 0; i < count; i++) {
                refs[i] = VirtualThreads.start(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            for (int i = 0; i < count; i++) {
                Thread t = (Thread) refs[i];
                while (t.getState() != Thread.State.WAITING) {
                    Thread.sleep(1);
                }
            }
        }

        @Override
        public void release() throws Exception {
            latch.countDown();
            for (Object t : threads) {
                ((Thread) t).join();
            }
        }
    }
}
