/**
 * The deterministic harness: greenlet programs on virtual time and a simulated network, on one thread, with
 * every choice drawn from one seed, so that a failure is replayed by its seed.
 *
 * <ul>
 *   <li>{@link io.greenhouse.test.VirtualClock}: a clock that moves only when told to; with a poller that
 *       moves it instead of waiting, timers run at once with exact virtual timings.</li>
 *   <li>{@link io.greenhouse.test.Simulation} and {@link io.greenhouse.test.SimHost}: hosts with
 *       {@code 127.77.x.y} addresses on a simulated network with seeded latency and faults, and runs that
 *       stop with a {@link io.greenhouse.test.SimulationException} naming the seed.</li>
 *   <li>{@link io.greenhouse.test.Trace}: every event of a run, and a hash of them that is the same for the
 *       same seed in every JVM.</li>
 *   <li>{@link io.greenhouse.test.Schedule} and {@link io.greenhouse.test.Buggify}: seeded choice of the
 *       orders production leaves open, and seeded fault injection in the code under test.</li>
 *   <li>{@link io.greenhouse.test.SimulationTest} and {@link io.greenhouse.test.GreenhouseTest}: JUnit 5
 *       tests on a simulation per seed, or on a plain virtual-time hub.</li>
 * </ul>
 * <pre>{@code
 * @SimulationTest(seeds = 100)
 * void pingPong(Simulation sim) {
 *     SimHost a = sim.host("a");
 *     a.start(() -> Scheduler.pauseFor(60));
 *     sim.run();
 *     assertEquals(Simulation.DEFAULT_START.plusSeconds(60), sim.now());
 * }
 * }</pre>
 *
 * <p>Greenlets switch only at the library's own suspension points, so the interleavings a simulation runs
 * are ones production can run. Code under test must not read the wall clock, real randomness, identity hash
 * codes or the iteration order of identity-keyed hash collections, or the same seed will not give the
 * same run; {@code @SimulationTest(checkDeterminism = true)} finds where it does not.
 */
package io.greenhouse.test;
