package io.greenhouse;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A {@code Function} that may suspend and may throw; the work function of a
 * {@link io.greenhouse.pool.Pool}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface GreenFunction<T, R> {
    /**
     * Applies the function on the hub's thread, inside a greenlet.
     *
     * @param value the input
     * @return the result
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws Exception whatever the function fails with; its caller (a pool) decides what becomes of it
     */
    R apply(T value) throws SuspendExecution, Exception;
}
