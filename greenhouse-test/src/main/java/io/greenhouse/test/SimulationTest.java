package io.greenhouse.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per seed, each time with a fresh {@link Simulation} built with that seed; used
 * instead of {@code @Test}.
 * <pre>{@code
 * @SimulationTest(seeds = 100)
 * void replicasAgree(Simulation sim) {
 *     SimHost a = sim.host("a");
 *     SimHost b = sim.host("b");
 *     a.start(() -> ...);
 *     b.start(() -> ...);
 *     sim.run();
 * }
 * }</pre>
 *
 * <p>The method takes a {@link Simulation} parameter (built with the invocation's seed and
 * {@link #schedule()}), or a {@link Simulation.Builder} parameter with those already set, to add latency or
 * faults before {@code build()}. Each seed is its own invocation, named {@code seed 0x...}. An invocation
 * fails if the method throws, if a greenlet of its simulation died of a throwable, or if greenlets of its
 * simulation are still alive at the end (a leak: they are listed). A failure's message starts with the seed
 * and how to replay it, and the simulation's trace is written under {@code target/greenhouse-sim/} (or
 * {@code -Dgreenhouse.traceDir}).
 *
 * <p>Seeds: {@code -Dgreenhouse.seed=0x...} runs that one seed only (the replay of a failure); else
 * {@link #seed()}, if set; else {@link #seeds()} seeds (or {@code -Dgreenhouse.seeds=N}) drawn at random for
 * this run and reported in each invocation's name.
 *
 * <p>The method runs on a thread of its own (the simulation's), so that a greenlet that never suspends can be
 * reported instead of hanging the build: after {@link #wallClockLimitMillis()} of real time the run is stopped
 * at its next suspension, and if it does not get there the invocation fails with the stuck thread's stack
 * (the thread is abandoned, as a daemon).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GreenhouseExtension.class)
public @interface SimulationTest {
    /**
     * How many seeds to run (default 1).
     *
     * @return the number of seeds
     */
    int seeds() default 1;

    /**
     * One seed to run (replay); 0, the default, means none: seeds are drawn at random.
     *
     * @return the seed to replay, or 0
     */
    long seed() default 0;

    /**
     * The schedule of every invocation's simulation.
     *
     * @return the schedule
     */
    Schedule schedule() default Schedule.FIFO;

    /**
     * Whether to run each seed twice and fail on the first trace event where the two runs differ (a source
     * of nondeterminism: real time, identity hash codes, hash order of identity-keyed collections...).
     *
     * @return whether each seed runs twice
     */
    boolean checkDeterminism() default false;

    /**
     * The real time one invocation may take before it is stopped and fails (default 60 s).
     *
     * @return the wall-clock limit in milliseconds
     */
    long wallClockLimitMillis() default 60_000;
}
