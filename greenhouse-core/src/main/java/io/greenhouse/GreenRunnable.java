package io.greenhouse;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * The body of a greenlet: a {@code Runnable} that may suspend and may throw.
 *
 * <p>Arguments are captured by the lambda, where greenhouse passed {@code args} and {@code kwargs}:
 * <pre>{@code
 * Scheduler.schedule(() -> handle(connection, 42));
 * }</pre>
 */
@FunctionalInterface
public interface GreenRunnable {
    /**
     * Runs the body on the hub's thread, inside its greenlet.
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws Exception whatever the body fails with: it kills the greenlet and goes to its exception handlers
     */
    void run() throws SuspendExecution, Exception;
}
