package io.greenhouse.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method as the main greenlet of a fresh hub on a {@link VirtualClock}; used instead of
 * {@code @Test}.
 * <pre>{@code
 * @GreenhouseTest
 * void anHourPassesAtOnce() throws Exception {
 *     double t0 = Scheduler.time();
 *     Scheduler.pauseFor(3600);
 *     assertEquals(t0 + 3600, Scheduler.time());
 * }
 * }</pre>
 *
 * <p>The method runs on the JUnit thread, which gets a hub of its own for the test (an idle hub it had is
 * closed). Timers auto-advance the clock: when no greenlet can run, the clock jumps to the next timer, so
 * timed code runs at once in real time with exact virtual timings. The method may take a
 * {@link VirtualClock} parameter: the hub's clock. The test fails if a greenlet died of a throwable (unless
 * {@link #failOnGreenletFailure()} is false) or if greenlets are still alive when the method returns (a
 * leak: they are listed, then ended when the hub closes). A hub kept alive for {@code Hub.execute} waits in
 * real time for the other thread's work. {@code GreenFile} and {@code GreenPipe} work on this hub (file calls
 * run inline, at one virtual instant); sockets need hosts, so a {@link Simulation}. Outside JUnit,
 * {@code Hub.install(clock, clock.newPoller())} makes the same hub ({@link VirtualClock#newPoller()}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(GreenhouseExtension.class)
public @interface GreenhouseTest {
    /**
     * The virtual instant the clock starts at, ISO-8601 (default 2000-01-01T00:00:00Z).
     *
     * @return the start instant, ISO-8601
     */
    String start() default "2000-01-01T00:00:00Z";

    /**
     * Whether a greenlet that dies of a throwable fails the test (default true; false for tests of failures).
     *
     * @return whether a greenlet failure fails the test
     */
    boolean failOnGreenletFailure() default true;
}
