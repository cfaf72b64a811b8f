package io.greenhouse;

/**
 * Thrown from a blocking call of a hub's main greenlet when the hub's thread is interrupted
 * ({@link Thread#interrupt()}): the interrupt ends the call instead of being swallowed, so that whoever
 * interrupted the thread (a test framework's timeout, an executor's {@code shutdownNow}) stops it.
 * <pre>{@code
 * try {
 *     Scheduler.pauseFor(5);
 * } catch (HubInterruptedException e) {
 *     // Thread.currentThread().isInterrupted() is still true here
 * }
 * }</pre>
 *
 * <p>The thread's interrupt status stays set when this is thrown (as code that turns an interrupt into an
 * unchecked exception should leave it), so callers further up see it too; while it is set, every blocking call
 * of the main greenlet throws this again. Clear it with {@link Thread#interrupted()} to go on using the hub.
 * Only the main greenlet gets it: greenlets blocked on I/O wake with {@link java.io.InterruptedIOException},
 * the others keep waiting. {@link Scheduler#setIgnoreInterrupts(boolean) Scheduler.setIgnoreInterrupts(true)}
 * makes the hub ignore interrupts; then this is never thrown.
 *
 * <p>Unchecked, because the blocking calls of this API declare only {@code SuspendExecution}; it is not an
 * {@link InterruptedException}.
 */
public class HubInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which thread was interrupted and what to do about it
     */
    public HubInterruptedException(String message) {
        super(message);
    }
}
