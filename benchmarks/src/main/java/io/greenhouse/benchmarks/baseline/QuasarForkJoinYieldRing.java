package io.greenhouse.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberForkJoinScheduler;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.benchmarks.YieldRing;

/**
 * Baseline for the pause round trip: Quasar fibers looping on {@link Fiber#yield()} on Quasar's
 * fork-join scheduler with parallelism 1 (one carrier thread) and no monitoring, like greenhouse's own
 * fiber scheduler.
 *
 * <p>The fibers are started from a starter fiber, so that they all sit in the carrier's local (FIFO)
 * queue: a fiber started from outside the pool would wait in the submission queue, which the busy
 * carrier does not look at while it has local work.
 */
public final class QuasarForkJoinYieldRing implements YieldRing {
    private FiberForkJoinScheduler scheduler;
    private final List<Fiber<Void>> members = new ArrayList<>();  // benchmark thread only
    private final SwitchCounter switches = new SwitchCounter();
    private volatile boolean stop;

    @Override
    public void start(int count) throws Exception {
        scheduler = new FiberForkJoinScheduler("bench", 1, MonitorType.NONE, false);
        new Fiber<Void>(scheduler, () -> {
            for (int i = 0; i < count; i++) {
                members.add(new Fiber<Void>(scheduler, this::spin).start());
            }
        }).start().join();
        switches.awaitAtLeast(count);  // every member has run at least once
    }

    private void spin() throws SuspendExecution {
        while (!stop) {
            switches.increment();
            Fiber.yield();
        }
    }

    @Override
    public void advance(long count) {
        switches.awaitMore(count);
    }

    @Override
    public void close() throws Exception {
        stop = true;
        for (Fiber<Void> f : members) {
            f.join();
        }
        scheduler.shutdown();
    }
}
