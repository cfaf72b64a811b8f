package io.greenhouse;

/**
 * Thrown from a blocking call of the main greenlet when nothing can ever wake the hub: no greenlet is
 * runnable, no timer is set, the poller waits for no I/O, and the hub is not
 * {@linkplain Hub#keepAlive(boolean) kept alive} for work from other threads.
 *
 * <p>Greenhouse hangs forever in that state; here the message lists every greenlet that waits and on
 * what, so the cause can be found.
 */
public class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a description of the blocked greenlets. */
    public DeadlockException(String message) {
        super(message);
    }
}
