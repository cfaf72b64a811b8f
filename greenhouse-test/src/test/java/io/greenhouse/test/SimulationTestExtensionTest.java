package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Scheduler;
import io.greenhouse.test.internal.Seeds;

/**
 * {@link SimulationTest}: seeds and their names, replay by seed, failures that start with the seed and
 * write the trace, leaks, the determinism check and the wall-clock limit. Runs fixture classes through the
 * JUnit test kit.
 */
@Timeout(60)
class SimulationTestExtensionTest {
    static final List<Long> SEEDS = new CopyOnWriteArrayList<>();
    static volatile boolean stopSpinning;
    static int runsOfNondeterministic;

    @BeforeEach
    @AfterEach
    void clear() {
        SEEDS.clear();
        System.clearProperty(Seeds.PROPERTY);
        System.clearProperty(GreenhouseExtension.SEEDS_PROPERTY);
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    private static List<String> names(EngineExecutionResults r) {
        return r.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .collect(Collectors.toList());
    }

    private static Throwable onlyFailure(EngineExecutionResults r) {
        List<Event> failed = r.testEvents().failed().list();
        assertEquals(1, failed.size(), "one failed invocation: " + names(r));
        return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    private static void aHostThatSleeps(Simulation sim) {
        sim.host("a").start(() -> Scheduler.pauseFor(1));
    }

    // ------------------------------------------------------------------------------------------------

    static class ThreeSeeds {
        @SimulationTest(seeds = 3)
        void runs(Simulation sim) {
            SEEDS.add(sim.seed());
            aHostThatSleeps(sim);
            sim.run();
        }
    }

    @Test
    void eachSeedIsAnInvocationNamedWithTheSeed() {
        EngineExecutionResults r = run(ThreeSeeds.class);
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        assertEquals(3, new HashSet<>(SEEDS).size(), "three different seeds: " + SEEDS);
        List<String> expected = new ArrayList<>();
        for (long seed : SEEDS) {
            expected.add("seed " + Seeds.hex(seed));
        }
        assertEquals(expected, names(r));
    }

    @Test
    void theSeedsPropertySetsHowManySeedsRun() {
        System.setProperty(GreenhouseExtension.SEEDS_PROPERTY, "5");
        run(ThreeSeeds.class).testEvents().assertStatistics(s -> s.started(5).succeeded(5));
    }

    static class OneSeed {
        @SimulationTest(seed = 0x1234L, schedule = Schedule.RANDOM)
        void runs(Simulation sim) {
            SEEDS.add(sim.seed());
            assertEquals(Schedule.RANDOM, sim.schedule());
            aHostThatSleeps(sim);
            sim.run();
        }
    }

    @Test
    void theSeedAttributeRunsThatSeed() {
        EngineExecutionResults r = run(OneSeed.class);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(List.of(0x1234L), SEEDS);
        assertEquals(List.of("seed 0x1234 RANDOM"), names(r));
    }

    @Test
    void theSeedPropertyReplaysOneSeed() {
        System.setProperty(Seeds.PROPERTY, "0xfeedfacecafebeef");
        EngineExecutionResults r = run(ThreeSeeds.class);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(List.of(0xfeedfacecafebeefL), SEEDS);
        assertEquals(List.of("seed 0xfeedfacecafebeef"), names(r));
    }

    static class Failing {
        @SimulationTest(seed = 0xbadL)
        void fails(Simulation sim) {
            aHostThatSleeps(sim);
            sim.run();
            fail("the invariant broke");
        }
    }

    @Test
    void aFailureStartsWithTheSeedAndWritesTheTrace() throws Exception {
        Throwable t = onlyFailure(run(Failing.class));
        SimulationException e = assertInstanceOf(SimulationException.class, t);
        Path trace = TraceFiles.dir().resolve("Failing.fails-0xbad.trace");
        assertTrue(e.getMessage().startsWith("seed 0xbad (replay: -Dgreenhouse.seed=0xbad): the test failed: "
                + "org.opentest4j.AssertionFailedError: the invariant broke; trace written to " + trace), e.getMessage());
        assertEquals(0xbadL, e.seed());
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("# greenhouse trace: "), lines.get(0));
        assertEquals(e.trace().lines(), lines.subList(1, lines.size()));
        assertTrue(lines.contains("0.000000000 switch a a:main"), lines.toString());
    }

    static class GreenletDies {
        @SimulationTest(seed = 7)
        void dies(Simulation sim) {
            sim.host("server").start(() -> {
                Scheduler.pauseFor(2);
                throw new IllegalStateException("corrupt state");
            });
            sim.run();
        }
    }

    @Test
    void aGreenletsFailureFailsTheInvocationWithTheSeedAndTheTrace() {
        Throwable t = onlyFailure(run(GreenletDies.class));
        assertTrue(t.getMessage().startsWith("seed 0x7 (replay: -Dgreenhouse.seed=0x7): server:main of host server "
                + "died of java.lang.IllegalStateException: corrupt state"), t.getMessage());
        assertTrue(t.getMessage().contains("GreenletDies.dies-0x7.trace"), t.getMessage());
        assertInstanceOf(IllegalStateException.class, t.getCause());
    }

    static class Leaky {
        @SimulationTest(seed = 8)
        void leaks(Simulation sim) {
            sim.host("a").start(() -> {
                Scheduler.schedule(() -> GreenLockSupport.park("a lost wakeup"));
                Scheduler.pause();
            });
            sim.run();
        }
    }

    @Test
    void greenletsAliveAtTheEndAreALeakListedByName() {
        Throwable t = onlyFailure(run(Leaky.class));
        assertTrue(t.getMessage().contains("leak: 1 greenlet is still alive at the end of the test"), t.getMessage());
        assertTrue(t.getMessage().contains("greenlet-2"), t.getMessage());
    }

    static class PartialRunLeaks {
        @SimulationTest(seed = 9)
        void leaks(Simulation sim) {
            sim.host("a").start(() -> Scheduler.pauseFor(100));
            sim.runFor(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSimulationLeftRunningIsALeakAndItsHubIsReleased() {
        Throwable t = onlyFailure(run(PartialRunLeaks.class));
        assertTrue(t.getMessage().contains("leak: 1 greenlet is still alive") && t.getMessage().contains("a:main"),
                t.getMessage());
    }

    static class Deterministic {
        @SimulationTest(seeds = 2, checkDeterminism = true, schedule = Schedule.RANDOM)
        void runs(Simulation.Builder builder) {
            Simulation sim = builder.latency(Duration.ofMillis(1), Duration.ofMillis(30)).build();
            SEEDS.add(sim.seed());
            SimulationPrograms.echoRounds(sim, 3, 10);
            sim.run();
        }
    }

    @Test
    void aDeterministicTestPassesTheDeterminismCheck() {
        run(Deterministic.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(4, SEEDS.size(), "each seed twice");
        assertEquals(SEEDS.get(0), SEEDS.get(1));
    }

    static class Nondeterministic {
        @SimulationTest(seed = 0x77, checkDeterminism = true)
        void runs(Simulation sim) {
            int pause = ++runsOfNondeterministic;   // state kept outside the simulation: a second run differs
            sim.host("a").start(() -> Scheduler.pauseFor(pause));
            sim.run();
        }
    }

    @Test
    void aNondeterministicTestFailsAtTheFirstDifferingEvent() {
        runsOfNondeterministic = 0;
        Throwable t = onlyFailure(run(Nondeterministic.class));
        String m = t.getMessage();
        assertTrue(m.startsWith("seed 0x77 (replay: -Dgreenhouse.seed=0x77): nondeterminism: two runs of the same seed "
                + "part at event 3: first run \"1.000000000 clock - - +1.000000000 to timer\", second run "
                + "\"2.000000000 clock - - +2.000000000 to timer\""), m);
        assertTrue(Files.exists(TraceFiles.dir().resolve("Nondeterministic.runs-0x77.run1.trace")));
        assertTrue(Files.exists(TraceFiles.dir().resolve("Nondeterministic.runs-0x77.run2.trace")));
    }

    static class PausesForever {
        @SimulationTest(seed = 0x10, wallClockLimitMillis = 300)
        void spins(Simulation sim) {
            sim.host("spinner").start(() -> {
                for (;;) {
                    Scheduler.pause();   // suspends, but virtual time never moves: only real time runs out
                }
            });
            sim.run();
        }
    }

    @Test
    void aRunThatOutlastsTheWallClockLimitIsStoppedAtItsNextSuspension() {
        Throwable t = onlyFailure(run(PausesForever.class));
        assertTrue(t.getMessage().startsWith("seed 0x10 (replay: -Dgreenhouse.seed=0x10): stopped: the wall-clock "
                + "limit of 300 ms passed"), t.getMessage());
        assertTrue(t.getMessage().contains("spinner:main"), t.getMessage());
    }

    static class NeverSuspends {
        @SimulationTest(seed = 0x11, wallClockLimitMillis = 200)
        void spins(Simulation sim) {
            sim.host("cpu").start(() -> {
                Scheduler.pause();
                while (!stopSpinning) {
                    Thread.onSpinWait();
                }
            });
            sim.run();
        }
    }

    @Test
    void aGreenletThatNeverSuspendsFailsTheInvocationInsteadOfHangingIt() {
        stopSpinning = false;
        try {
            Throwable t = onlyFailure(run(NeverSuspends.class));
            assertTrue(t.getMessage().startsWith("seed 0x11 (replay: -Dgreenhouse.seed=0x11): wall-clock limit: "),
                    t.getMessage());
            assertTrue(t.getMessage().contains("greenlet cpu:main holds the thread without suspending"), t.getMessage());
            assertTrue(Arrays.stream(t.getCause().getStackTrace()).anyMatch(f -> f.toString().contains("NeverSuspends")),
                    "the cause carries the stuck thread's stack");
        } finally {
            stopSpinning = true;
        }
    }
}
