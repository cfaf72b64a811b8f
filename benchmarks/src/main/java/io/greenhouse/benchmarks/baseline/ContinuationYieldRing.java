package io.greenhouse.benchmarks.baseline;

import java.util.ArrayDeque;

import io.greenhouse.benchmarks.YieldRing;

/**
 * Baseline for the JDK backend's pause round trip (JDK 21+): raw JDK continuations that loop on
 * {@code Continuation.yield}, taking turns in a bare FIFO loop on the benchmark thread, with none of the hub's
 * bookkeeping. The ratio of greenhouse on the JDK backend to this is what the hub adds per switch.
 *
 * <p>Threading: the benchmark thread only; the continuations run on it.
 */
public final class ContinuationYieldRing implements YieldRing {
    private final ArrayDeque<Object> ready = new ArrayDeque<>();  // benchmark thread only
    private boolean stop;                                        // benchmark thread only
    private long switches;                                       // benchmark thread only

    @Override
    public void start(int count) {
        Runnable spin = this::spin;
        for (int i = 0; i < count; i++) {
            Object c = Continuations.create(spin);
            Continuations.run(c);   // to its first yield
            ready.addLast(c);
        }
    }

    private void spin() {
        while (!stop) {
            Continuations.yieldNow();
            switches++;
        }
    }

    @Override
    public void advance(long count) {
        long before = switches;
        for (long i = 0; i < count; i++) {
            Object c = ready.pollFirst();
            Continuations.run(c);
            ready.addLast(c);
        }
        if (switches - before != count) {
            throw new IllegalStateException("the ring made " + (switches - before) + " switches instead of " + count);
        }
    }

    @Override
    public void close() {
        stop = true;
        Object c;
        while ((c = ready.pollFirst()) != null) {
            Continuations.run(c);
            if (!Continuations.isDone(c)) {
                throw new IllegalStateException("a ring member did not end");
            }
        }
    }
}
