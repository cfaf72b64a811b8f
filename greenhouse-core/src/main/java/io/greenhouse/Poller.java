package io.greenhouse;

/**
 * The replaceable poller of a hub (greenhouse's {@code poller}): the part of the loop that waits, when no
 * greenlet is runnable, for I/O readiness, the next timer or a wakeup from another thread. This is the
 * service-provider interface that the I/O pollers of {@code greenhouse-io} and a simulated poller implement.
 *
 * <p>A hub calls {@link #poll} from its own thread, with the time left until its first timer in nanoseconds of
 * the hub's clock (0: do not wait; negative: no timer, wait until something happens), as Netty's
 * {@code IoHandlerContext.delayNanos} tells an I/O handler. A poller that watches I/O wakes the greenlets
 * waiting for it with {@link GreenLockSupport#unpark(Greenlet)} from inside {@code poll}, which puts them
 * in the hub's woken queue in the order they were woken. A poller over a virtual clock may, instead of
 * waiting, advance that clock (to the first timer, or to its next event, whichever comes first): the hub reads
 * the clock again after every poll.
 *
 * <p>Implementations: core's portable poller (no I/O; waits for the timer or a wakeup), and in
 * {@code greenhouse-io} a Netty epoll poller and a Netty NIO poller. {@link Scheduler#resetPoller()}
 * picks the best {@link PollerProvider} found with {@link java.util.ServiceLoader}.
 *
 * <p>Threading: every method is called on the hub's thread, except {@link #wakeup()}, which any thread
 * may call.
 */
public interface Poller extends AutoCloseable {

    /**
     * Called once, on the hub's thread, when this poller is installed in {@code hub}. A poller serves one
     * hub only.
     *
     * @param hub the hub this poller now serves; {@link Hub#thread()} is the calling thread
     */
    default void attach(Hub hub) {
    }

    /**
     * Waits for readiness and wakes the greenlets it concerns.
     *
     * @param timeoutNanos     how long to wait at most, in nanoseconds of the hub's clock: 0 means only look,
     *                         without waiting; a negative value means wait until I/O readiness or a
     *                         {@link #wakeup()}
     * @param ignoreInterrupts whether an interrupt of the hub's thread should be ignored (see
     *                         {@link Scheduler#setIgnoreInterrupts(boolean)}). When false, an interrupt ends the
     *                         wait, an I/O poller wakes every greenlet blocked on I/O with
     *                         {@link java.io.InterruptedIOException}, and the thread's interrupt status MUST stay
     *                         set: the hub reads it after the poll and ends the main greenlet's blocking call
     *                         with {@link HubInterruptedException}. When true, the poller clears the status and
     *                         nobody is woken by it.
     */
    void poll(long timeoutNanos, boolean ignoreInterrupts);

    /** Makes a {@link #poll} under way, or the next one, return at once. Safe from any thread. */
    void wakeup();

    /**
     * Whether anything registered with this poller (a socket, a pending file operation) may still wake a
     * greenlet. A hub with no runnable greenlet, no timer and a poller without pending work would wait
     * forever: it reports a {@link DeadlockException} instead. While this is false the hub also skips the
     * non-blocking poll at each refill, so it must be cheap and must be true whenever {@code poll(0)} could
     * wake a greenlet.
     *
     * @return true if a registration of this poller may still wake a greenlet
     */
    default boolean hasPendingWork() {
        return false;
    }

    /**
     * Describes what {@code greenlet} waits for in this poller, for deadlock reports, or null if it waits
     * for nothing here.
     *
     * @param greenlet a greenlet that waits, as the deadlock report lists it
     * @return what it waits for here, such as {@code "read on fd 12"}, or null
     */
    default String describeWait(Greenlet greenlet) {
        return null;
    }

    /** Releases the poller's resources; called on the hub's thread when the hub drops it. */
    @Override
    void close();
}
