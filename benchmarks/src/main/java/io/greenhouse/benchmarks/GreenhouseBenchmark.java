package io.greenhouse.benchmarks;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.greenhouse.Hub;
import io.greenhouse.PortablePoller;

/**
 * The base of every greenhouse JMH benchmark: two forks, 3 x 1 s warmup and 5 x 1 s measurement, average
 * time in nanoseconds, and the JVM flags greenlet code needs.
 *
 * <p>The {@code --add-opens} flags are set here; the {@code -javaagent} needs the agent jar's path, which
 * only {@link BenchmarkMain} knows, so it adds the complete flag set ({@link BenchmarkMain#forkJvmArgs})
 * and that replaces this annotation's list. Run benchmarks through {@link BenchmarkMain}, not JMH's own
 * {@code Main}: without the agent the hub refuses to start and says so.
 *
 * <p>Each fork prints the JDK, the continuation backend and the poller its hub picked, so every result in the
 * log names them. The backend is the JVM's ({@code -Dgreenhouse.backend}), unless a benchmark's parameters
 * choose one ({@link #backend()}): every trial runs in a fork of its own, so a fork can select it before its
 * first hub.
 *
 * <p>Threading: JMH runs {@code @Setup}, the benchmark and {@code @TearDown} of a {@code Scope.Thread}
 * state on the one benchmark thread, which is what a hub needs (it belongs to the thread that made it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class GreenhouseBenchmark {
    /** The system property that selects greenhouse's continuation backend ({@code quasar} or {@code jdk}). */
    public static final String BACKEND_PROPERTY = "greenhouse.backend";

    private static boolean environmentPrinted; // benchmark thread only; once per fork
    private static Hub hub;                    // benchmark thread only; the hub the benchmarks use

    /**
     * Selects the continuation backend of this fork ({@link #backend()}) before its first hub, and prints the
     * JDK, the backend and the poller of this thread's hub, once per fork.
     */
    @Setup(Level.Trial)
    public void printEnvironment() {
        if (environmentPrinted) {
            return;
        }
        environmentPrinted = true;
        System.setProperty(BACKEND_PROPERTY, backend());
        System.out.println();
        System.out.println("# environment: " + describeJdk() + ", backend: " + backend() + ", poller: "
                + hubWithRequestedPoller().pollerName());
    }

    /**
     * The continuation backend this trial's greenlets run on: the JVM's by default; a benchmark whose
     * parameters name one returns it.
     */
    protected String backend() {
        return System.getProperty(BACKEND_PROPERTY, "quasar");
    }

    /**
     * The calling thread's hub; with {@code -Dgreenhouse.poller=portable} (in the fork's JVM args) it is
     * installed with core's {@link PortablePoller} instead of the best available one (epoll when
     * greenhouse-io and the native transport load), to measure what the poller costs.
     */
    public static Hub hubWithRequestedPoller() {
        if (hub == null || hub.isClosed()) {
            hub = "portable".equals(System.getProperty("greenhouse.poller"))
                    ? Hub.install(Clock.systemUTC(), new PortablePoller())
                    : Hub.current();
        }
        return hub;
    }

    /** The running JDK, as "JDK 17.0.15 (OpenJDK 64-Bit Server VM 17.0.15+6-...)". */
    public static String describeJdk() {
        return "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + ")";
    }

    /** The feature release of the running JDK: 17, 21, 25... */
    public static int jdkFeature() {
        return Runtime.version().feature();
    }
}
