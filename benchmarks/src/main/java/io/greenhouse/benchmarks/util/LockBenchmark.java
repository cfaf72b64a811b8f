package io.greenhouse.benchmarks.util;

import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import io.greenhouse.Hub;
import io.greenhouse.benchmarks.GreenhouseBenchmark;
import io.greenhouse.util.Lock;

/**
 * Uncontended acquire + release, in nanoseconds: {@link io.greenhouse.util.Lock} from the main greenlet
 * ({@code greenhouse}) against {@link ReentrantLock} on one platform thread ({@code jdk}).
 *
 * <p>The contended case is not measured yet: greenlets only contend when the holder suspends while
 * holding, which has no like-for-like twin between platform threads.
 */
public class LockBenchmark extends GreenhouseBenchmark {
    /** greenhouse or jdk. */
    @Param({"greenhouse", "jdk"})
    public String impl;

    private Lock greenLock;
    private ReentrantLock jdkLock;

    @Setup(Level.Trial)
    public void create() {
        if (impl.equals("greenhouse")) {
            GreenhouseBenchmark.hubWithRequestedPoller();
            greenLock = new Lock();
        } else {
            jdkLock = new ReentrantLock();
        }
    }

    @Benchmark
    public boolean uncontended() throws Exception {
        if (greenLock != null) {
            boolean got = greenLock.acquire();
            greenLock.release();
            return got;
        }
        jdkLock.lock();
        jdkLock.unlock();
        return true;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (greenLock != null) {
            Hub.current().close();
        }
    }
}
