package io.greenhouse;

/**
 * Thrown from a blocking call of the main greenlet when nothing can ever wake the hub: no greenlet is
 * runnable, no timer can fire, the poller waits for no I/O, and the hub is not
 * {@linkplain Hub#keepAlive(boolean) kept alive} for work from other threads. A timer too far away to be held
 * in nanoseconds (an infinite {@code pauseFor}, {@code scheduleIn(Double.POSITIVE_INFINITY, ...)}) counts as
 * one that cannot fire.
 * <pre>{@code
 * Scheduler.pauseFor(Double.POSITIVE_INFINITY);   // from the main greenlet, with nothing else to run: throws
 * }</pre>
 *
 * <p>Greenhouse hangs forever in that state; here the message lists every greenlet that waits and on
 * what, so the cause can be found. The hub stays usable: the main greenlet may schedule more work and block
 * again.
 */
public class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the hub would wait forever, and every waiting greenlet with what it waits on
     */
    public DeadlockException(String message) {
        super(message);
    }
}
