package io.greenhouse.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenFunction;

/**
 * Pool-based helpers: greenhouse's {@code greenhouse.pool.map}.
 */
public final class Pools {
    private Pools() {
    }

    /**
     * As {@link #map(GreenFunction, Iterable, int)} with {@value OneWayPool#DEFAULT_SIZE} workers.
     *
     * @param func the function to apply to each item
     * @param items the items; iterated once, on the calling greenlet
     * @param <I> the type of the items
     * @param <O> the type of the results
     * @return the results, in the order of {@code items}
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static <I, O> List<O> map(GreenFunction<I, O> func, Iterable<I> items) throws SuspendExecution {
        return map(func, items, OneWayPool.DEFAULT_SIZE);
    }

    /**
     * Applies {@code func} to every item with {@code poolSize} worker greenlets and returns the results in
     * the order of {@code items}.
     *
     * <p>If {@code items} is empty, returns an empty list at once. Otherwise the current greenlet is
     * descheduled until one of: every result is in; an exception is scheduled into it (thrown from here).
     * The pool is closed in either case.
     * <pre>{@code
     * List<Integer> squares = Pools.map(x -> x * x, List.of(3, 1, 2), 2);   // [9, 1, 4]
     * }</pre>
     *
     * <p>Differences from greenhouse: eager (greenhouse returns a lazy generator); an empty input returns
     * an empty list (greenhouse fails with {@code UnboundLocalError}); the first failed item's exception is
     * rethrown, unwrapped, after the earlier results are taken.
     *
     *
     * @param func the function to apply to each item
     * @param items the items; iterated once, on the calling greenlet
     * @param poolSize how many worker greenlets to run; at least 1
     * @param <I> the type of the items
     * @param <O> the type of the results
     * @return the results, in the order of {@code items}
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public static <I, O> List<O> map(GreenFunction<I, O> func, Iterable<I> items, int poolSize)
            throws SuspendExecution {
        Objects.requireNonNull(func, "func");
        Objects.requireNonNull(items, "items");
        OrderedPool<I, O> pool = new OrderedPool<>(func, poolSize);
        int count = 0;
        for (I item : items) {
            pool.put(item);
            count++;
        }
        List<O> results = new ArrayList<>(count);
        if (count == 0) {
            return results;
        }
        pool.start();
        try {
            for (int i = 0; i < count; i++) {
                results.add(pool.get());
            }
        } finally {
            pool.close();
            pool.join();   // the workers take their stop signals: map leaves no greenlet behind, even on failure
        }
        return results;
    }
}
