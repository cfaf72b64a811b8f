package io.greenhouse;

/**
 * Called on every switch of a hub (greenhouse's global hooks): each time the loop hands the thread to a
 * greenlet, the main greenlet's own turns included.
 *
 * <p>Registered with {@link Scheduler#globalHook} and held by weak reference. Global hooks run before
 * the local incoming hooks of {@code to}, on the hub's thread, and must not block. A hook that throws
 * is removed for good; the loop goes on.
 */
@FunctionalInterface
public interface SwitchHook {
    /**
     * Called before the switch.
     *
     * @param from the greenlet that had the previous turn; on a hub's first switch, the main greenlet
     *             (greenhouse passes None only for the first switch of its process, which happens at
     *             import time and is never seen by user hooks)
     * @param to   the greenlet about to run
     */
    void onSwitch(Greenlet from, Greenlet to);
}
