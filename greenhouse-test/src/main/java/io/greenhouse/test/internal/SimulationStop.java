package io.greenhouse.test.internal;

/**
 * Thrown by the {@link SimulatedPoller} to stop a run: the hub rethrows it from the main greenlet's blocking
 * call, where the simulation turns it into a {@code SimulationException} with the seed.
 */
public final class SimulationStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the run stopped. */
    public enum Kind {
        /** The virtual clock would have passed the time limit. */
        TIME_LIMIT,
        /** Another thread asked the run to stop (the wall-clock limit). */
        ABORTED,
        /** {@code Hub.execute} was called from another thread. */
        FOREIGN_THREAD
    }

    /** Why the run stopped. */
    private final Kind kind;   // immutable

    SimulationStop(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /**
     * Why the run stopped.
     *
     * @return the kind of stop
     */
    public Kind kind() {
        return kind;
    }
}
