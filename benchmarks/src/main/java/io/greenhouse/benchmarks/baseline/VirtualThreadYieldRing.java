package io.greenhouse.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;

import io.greenhouse.benchmarks.YieldRing;

/**
 * Baseline for the pause round trip on JDK 21+: virtual threads looping on {@link Thread#yield()} on one
 * carrier thread ({@code jdk.virtualThreadScheduler.parallelism=1}).
 *
 * <p>The members are started from a starter virtual thread, so that they queue on the carrier rather than
 * in the scheduler's submission queue (as {@link QuasarForkJoinYieldRing} does).
 */
public final class VirtualThreadYieldRing implements YieldRing {
    private final List<Thread> members = new ArrayList<>();  // written by the starter, then read by the benchmark thread
    private final SwitchCounter switches = new SwitchCounter();
    private volatile boolean stop;

    @Override
    public void start(int count) throws Exception {
        VirtualThreads.start(() -> {
            for (int i = 0; i < count; i++) {
                members.add(VirtualThreads.start(this::spin));
            }
        }).join();
        switches.awaitAtLeast(count);
    }

    private void spin() {
        while (!stop) {
            switches.increment();
            Thread.yield();
        }
    }

    @Override
    public void advance(long count) {
        switches.awaitMore(count);
    }

    @Override
    public void close() throws Exception {
        stop = true;
        for (Thread t : members) {
            t.join();
        }
    }
}
