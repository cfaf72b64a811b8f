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
    /** Consumes {@code value} on the hub's thread, inside a greenlet. */
    void accept(T value) throws SuspendExecution, Exception;
}
