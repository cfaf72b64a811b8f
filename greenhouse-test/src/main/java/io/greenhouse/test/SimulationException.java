package io.greenhouse.test;

import io.greenhouse.test.internal.Seeds;

/**
 * A failed simulation: a greenlet died of an unhandled throwable, nothing could ever happen again while a
 * host's main greenlet waited (a deadlock), the virtual time limit passed, greenlets were left alive, or
 * the test's own assertion failed during a seeded run.
 *
 * <p>The message starts with the seed in hex and says how to replay it, then what went wrong:
 * <pre>
 * seed 0x5deece66d (replay: -Dgreenhouse.seed=0x5deece66d): deadlock: nothing can happen any more ...
 * </pre>
 * Running the same test with {@code -Dgreenhouse.seed=0x5deece66d} (or {@code @SimulationTest(seed =
 * 0x5deece66dL)}, or {@code Simulation.builder().seed(0x5deece66dL)}) runs the same events again, in the same
 * order. An {@link AssertionError}, so test frameworks report it as a test failure.
 */
public class SimulationException extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** The seed of the failed run. */
    private final long seed;              // immutable
    /** What went wrong: the message after the replay hint. */
    private final String problem;         // immutable
    private final transient Trace trace;  // immutable; null after deserialization

    SimulationException(long seed, Trace trace, String problem, Throwable cause) {
        super(Seeds.replayHint(seed) + ": " + problem, cause);
        this.seed = seed;
        this.problem = problem;
        this.trace = trace;
    }

    /** What went wrong: the message without the seed and the replay hint. */
    String problem() {
        return problem;
    }

    /**
     * The seed of the failed run: replay it with {@code -Dgreenhouse.seed=0x...}.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The trace of the failed run, up to the failure.
     *
     * @return the trace, or null after deserialization
     */
    public Trace trace() {
        return trace;
    }
}
