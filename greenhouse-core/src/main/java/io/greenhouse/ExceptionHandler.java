package io.greenhouse;

/**
 * Receives a throwable that escaped a greenlet's body (greenhouse's exception handlers).
 *
 * <p>Registered with {@link Scheduler#globalExceptionHandler} or {@link Scheduler#localExceptionHandler}
 * and held by weak reference: keep the returned object reachable for as long as it should run. Handlers
 * run on the hub's thread, in the loop (not in a greenlet), so they must not block. A handler that throws
 * is removed for good (and the failure logged under {@code io.greenhouse.scheduler}); the loop goes on.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles {@code error}, which killed (or, through {@link Scheduler#handleException}, was reported for)
     * {@code greenlet}.
     *
     * @param greenlet the greenlet that died (or for which the error was reported)
     * @param error the throwable it died of, or the one reported
     */
    void handle(Greenlet greenlet, Throwable error);
}
