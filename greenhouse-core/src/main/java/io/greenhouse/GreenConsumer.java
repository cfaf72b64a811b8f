package io.greenhouse;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A {@code Consumer} that may suspend and may throw; the work function of a
 * {@link io.greenhouse.pool.OneWayPool}.
 *
 * @param <T> the type of the value consumed
 */
@FunctionalInterface
public interface GreenConsumer<T> {
    /**
     * Consumes {@code value} on the hub's thread, inside a greenlet.
     *
     * @param value the input
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws Exception whatever the consumer fails with; its caller (a pool) decides what becomes of it
     */
    void accept(T value) throws SuspendExecution, Exception;
}
