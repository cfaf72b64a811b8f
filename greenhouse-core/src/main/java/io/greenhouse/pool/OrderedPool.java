package io.greenhouse.pool;

import java.util.HashMap;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenFunction;

/**
 * A {@link Pool} whose results come out in the order the inputs were put: greenhouse's
 * {@code OrderedPool}.
 *
 * <p>Workers still run in parallel and finish in any order; {@link #get()} holds back results that are
 * ahead of their turn. A failed input's exception is rethrown by the {@code get()} whose turn it is.
 * <pre>{@code
 * try (OrderedPool<Integer, Integer> pool = new OrderedPool<Integer, Integer>(x -> x * x, 3).start()) {
 *     pool.put(3);
 *     pool.put(1);
 *     assert pool.get() == 9 && pool.get() == 1;
 * }
 * }</pre>
 *
 * <p>Threading, life cycle and failures: as {@link Pool}.
 *
 * @param <I> the type of inputs
 * @param <O> the type of results
 */
public final class OrderedPool<I, O> extends Pool<I, O> {
    private final HashMap<Long, Result> early = new HashMap<>(); // hub thread only; results ahead of their turn
    private long nextOut;                                        // hub thread only; index of the next result

    /**
     * Creates an ordered pool of {@value #DEFAULT_SIZE} workers running {@code func}; not started.
     *
     * @param func the function each worker applies to an input
     */
    public OrderedPool(GreenFunction<I, O> func) {
        this(func, DEFAULT_SIZE);
    }

    /**
     * Creates an ordered pool of {@code size} workers running {@code func}, on the current thread's hub;
     * not started.
     *
     *
     * @param func the function each worker applies to an input
     * @param size how many worker greenlets to run; at least 1
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public OrderedPool(GreenFunction<I, O> func, int size) {
        super(func, size);
    }

    /** Starts the workers, as {@link OneWayPool#start()}; returns this pool. */
    @Override
    public OrderedPool<I, O> start() {
        super.start();
        return this;
    }

    /** Whether it is closed, as {@link Pool#isClosed()}, and no result is held back. */
    @Override
    public boolean isClosed() {
        return super.isClosed() && early.isEmpty();
    }

    @Override
    Result nextResult() throws SuspendExecution {
        Result r;
        while ((r = early.remove(nextOut)) == null) {
            Result next = take();
            early.put(next.index, next);
        }
        nextOut++;
        return r;
    }
}
