package io.greenhouse.benchmarks.baseline;

import java.util.ArrayDeque;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberExecutorScheduler;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.benchmarks.YieldRing;

/**
 * Diagnostic floor for the pause round trip (not run by default; {@code -p scheduler=quasarInPlace}): the
 * same Quasar mechanism greenhouse uses (a {@link FiberExecutorScheduler} whose executor runs the fiber in
 * place, on the thread that unparks it), driven by a bare FIFO loop on the benchmark thread, with none of
 * the hub's bookkeeping (hooks, states, refill, poller). The gap between this and {@code greenhouse} is
 * what the hub adds per switch.
 *
 * <p>Threading: the benchmark thread only; the fibers run on it.
 */
public final class QuasarInPlaceYieldRing implements YieldRing {
    private final FiberExecutorScheduler scheduler =
            new FiberExecutorScheduler("in-place", Runnable::run, MonitorType.NONE, false);
    private final ArrayDeque<Fiber<Void>> ready = new ArrayDeque<>();  // benchmark thread only
    private boolean stop;                                             // benchmark thread only

    @Override
    public void start(int count) {
        for (int i = 0; i < count; i++) {
            new Fiber<Void>(scheduler, this::spin).start();  // runs in place until its first park
        }
    }

    private void spin() throws SuspendExecution {
        Fiber<Void> self = currentFiber();
        while (!stop) {
            ready.addLast(self);
            Fiber.park();
        }
    }

    @SuppressWarnings("unchecked")
    private static Fiber<Void> currentFiber() {
        return (Fiber<Void>) Fiber.currentFiber();
    }

    @Override
    public void advance(long switches) {
        for (long i = 0; i < switches; i++) {
            ready.pollFirst().unpark();
        }
    }

    @Override
    public void close() {
        stop = true;
        Fiber<Void> f;
        while ((f = ready.pollFirst()) != null) {
            f.unpark();
        }
    }
}
