package io.greenhouse;

/**
 * Called when one particular greenlet's turn begins ({@link #INCOMING}) or ends ({@link #OUTGOING}):
 * greenhouse's local incoming and outgoing hooks.
 *
 * <p>Registered with {@link Scheduler#localIncomingHook} / {@link Scheduler#localOutgoingHook} and held by
 * weak reference. Outgoing hooks run when the turn ends however it ended (paused, blocked, finished or
 * died; after the exception handlers in the last case); one registered during the turn already runs at
 * the end of that turn. Hooks run on the hub's thread and must not block; one that throws is removed.
 */
@FunctionalInterface
public interface LocalHook {
    /** The direction passed when the greenlet's turn begins. */
    int INCOMING = 1;
    /** The direction passed when the greenlet's turn ends. */
    int OUTGOING = 2;

    /**
     * Called with {@link #INCOMING} or {@link #OUTGOING} and the greenlet the hook was registered for.
     *
     * @param direction {@link #INCOMING} when the greenlet's turn begins, {@link #OUTGOING} when it ends
     * @param greenlet the greenlet whose turn it is
     */
    void onSwitch(int direction, Greenlet greenlet);
}
