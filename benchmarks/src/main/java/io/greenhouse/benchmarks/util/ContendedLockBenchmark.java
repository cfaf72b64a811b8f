package io.greenhouse.benchmarks.util;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.benchmarks.GreenhouseBenchmark;
import io.greenhouse.util.Lock;

/**
 * Contended acquire + release with hand-off, in nanoseconds per acquisition: two greenlets that each hold
 * {@link io.greenhouse.util.Lock} across a {@code pause()} (so the other always finds it taken and gets it by
 * hand-off, FIFO), against two platform threads on a fair {@link ReentrantLock} (whose unlock also hands
 * the lock to the longest waiter, parking and unparking threads). Each invocation is a batch of
 * {@value #PER_WORKER} acquisitions per worker.
 */
public class ContendedLockBenchmark extends GreenhouseBenchmark {
    static final int PER_WORKER = 500;

    /** greenhouse (two greenlets) or jdk (two platform threads, fair ReentrantLock). */
    @Param({"greenhouse", "jdk"})
    public String impl;

    private Lock greenLock;
    private ReentrantLock jdkLock;
    private CyclicBarrier start;
    private CyclicBarrier done;
    private Thread[] threads;
    private volatile boolean stop;

    @Setup(Level.Trial)
    public void create() {
        if (impl.equals("greenhouse")) {
            GreenhouseBenchmark.hubWithRequestedPoller();
            greenLock = new Lock();
            return;
        }
        jdkLock = new ReentrantLock(true);
        start = new CyclicBarrier(3);
        done = new CyclicBarrier(3);
        threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            threads[i] = new Thread(() -> {
                try {
                    while (true) {
                        start.await();
                        if (stop) {
                            return;
                        }
                        for (int k = 0; k < PER_WORKER; k++) {
                            jdkLock.lock();
                            jdkLock.unlock();
                        }
                        done.await();
                    }
                } catch (Exception e) {
                    // interrupted or broken barrier at tear-down
                }
            }, "contender-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * PER_WORKER)
    public void handOff() throws Exception {
        if (greenLock != null) {
            Greenlet a = Scheduler.schedule(this::greenWorker);
            Greenlet b = Scheduler.schedule(this::greenWorker);
            a.join();
            b.join();
            return;
        }
        start.await();
        done.await();
    }

    private void greenWorker() throws SuspendExecution {
        for (int k = 0; k < PER_WORKER; k++) {
            greenLock.acquire();
            Scheduler.pause();
            greenLock.release();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (greenLock != null) {
            Hub.current().close();
            return;
        }
        stop = true;
        start.await();
        for (Thread t : threads) {
            t.join();
        }
    }
}
