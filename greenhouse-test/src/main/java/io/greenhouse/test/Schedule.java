package io.greenhouse.test;

/**
 * How a {@link Simulation} orders what production leaves open.
 *
 * <p>Greenhouse fixes most of the order in which greenlets run (its refill order: woken greenlets, then
 * due timers, then paused ones, each FIFO); a schedule only chooses among the orders a production run
 * could also take, so every interleaving a simulation explores is one production can run.
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(42).schedule(Schedule.RANDOM).build();
 * }</pre>
 */
public enum Schedule {
    /**
     * Greenhouse's own order, exactly production's: greenlets woken by one poll in the order their events
     * arrived, messages that arrive at the same instant in the order they were sent. The default.
     */
    FIFO,

    /**
     * A seeded permutation of the orders production leaves open: the greenlets woken by the same poll, timers
     * due at the same instant (on a real clock their deadlines would differ by chance), and messages of different
     * connections that arrive at the same instant. Order within one connection, the FIFO wake order of the
     * {@code util} primitives, and greenhouse's refill order (woken, then due timers, then paused) stay as they
     * are. The same seed gives the same order.
     */
    RANDOM
}
