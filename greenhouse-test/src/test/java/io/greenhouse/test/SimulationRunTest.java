package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.util.Event;

/** {@link Simulation}'s runs, hosts, failures and faults, through its public API. */
@Timeout(30)
class SimulationRunTest {
    private static final Instant START = Simulation.DEFAULT_START;

    @AfterEach
    void threadIsLeftWithoutAHubOfTheSimulation() {
        assertFalse(Hubs.onSimulatedPoller(),
                "a finished simulation releases its hub");
        Hub.current().close();
    }

    private static Simulation sim() {
        return Simulation.builder().seed(0x5eed).build();
    }

    @Test
    void runReturnsWhenEveryHostsMainGreenletIsDeadWithVirtualTimeMovedExactly() {
        Simulation sim = sim();
        List<String> log = new ArrayList<>();
        sim.host("a").start(() -> {
            Scheduler.pauseFor(3600);
            log.add("a at " + sim.now());
        });
        sim.host("b").start(() -> {
            Scheduler.pauseFor(0.25);
            log.add("b at " + sim.now());
        });
        long wall = System.nanoTime();
        sim.run();
        assertTrue(System.nanoTime() - wall < TimeUnit.SECONDS.toNanos(5), "an hour of virtual time at once");
        assertEquals(List.of("b at " + START.plusMillis(250), "a at " + START.plusSeconds(3600)), log);
        assertEquals(START.plusSeconds(3600), sim.now());
    }

    @Test
    void schedulerTimeInsideASimulationIsTheVirtualClock() {
        Simulation sim = sim();
        double[] t = new double[2];
        sim.host("a").start(() -> {
            t[0] = Scheduler.time();
            Scheduler.pauseFor(Duration.ofMinutes(50));
            t[1] = Scheduler.time();
        });
        sim.run();
        assertEquals(START.getEpochSecond(), t[0]);
        assertEquals(START.getEpochSecond() + 3000.0, t[1]);
    }

    @Test
    void hostsHaveNamesAndLoopbackRangeAddresses() {
        Simulation sim = sim();
        SimHost a = sim.host("a");
        SimHost b = sim.host("b");
        assertEquals("a", a.name());
        assertEquals("127.77.0.1", a.address().getHostAddress());
        assertEquals("127.77.0.2", b.address().getHostAddress());
        assertTrue(a.address().isLoopbackAddress(), "a mistake can never send a packet off the machine");
        assertEquals(List.of(a, b), sim.hosts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.host("a"));
        assertTrue(e.getMessage().contains("unique"), e.getMessage());
        assertFalse(a.isCrashed());
        assertNull(a.mainGreenlet());
        sim.run();   // no host started: nothing to do
    }

    @Test
    void aGreenletThatDiesOfAThrowableFailsTheRunWithTheSeedFirst() {
        Simulation sim = Simulation.builder().seed(0xabcdefL).build();
        IllegalStateException boom = new IllegalStateException("boom");
        sim.host("server").start(() -> {
            Scheduler.pauseFor(1);
            throw boom;
        });
        sim.host("client").start(() -> Scheduler.pauseFor(10));
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getMessage().startsWith("seed 0xabcdef (replay: -Dgreenhouse.seed=0xabcdef): "), e.getMessage());
        assertTrue(e.getMessage().contains("server:main of host server died of java.lang.IllegalStateException: boom"),
                e.getMessage());
        assertSame(boom, e.getCause());
        assertEquals(0xabcdefL, e.seed());
        assertSame(sim.trace(), e.trace());
        assertTrue(e.getMessage().contains("at virtual " + START.plusSeconds(1)), "stopped at once: " + e.getMessage());
        assertTrue(e instanceof AssertionError);
    }

    @Test
    void aDeadlockNamesEachWaitingGreenletItsHostAndWhatItWaitsFor() {
        Simulation sim = sim();
        SimHost server = sim.host("server");   // installs the simulation's hub: primitives made after it serve it
        Event never = new Event();
        server.start(never::await);
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        String m = e.getMessage();
        assertTrue(m.contains("deadlock"), m);
        assertTrue(m.contains("server:main [host=server] waits on"), m);
        assertTrue(m.contains("Event"), m);
        assertNull(e.getCause());
    }

    @Test
    void theTimeLimitFailsARunThatGoesOnForever() {
        Simulation sim = Simulation.builder().seed(1).timeLimit(Duration.ofMinutes(10)).build();
        int[] rounds = {0};
        sim.host("ticker").start(() -> {
            for (;;) {
                Scheduler.pauseFor(1);
                rounds[0]++;
            }
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        assertTrue(e.getMessage().contains("ticker:main"), e.getMessage());
        assertEquals(600, rounds[0]);
        assertEquals(START.plusSeconds(600), sim.now());
    }

    @Test
    void runForRunsExactlyThatLongAndCanBeContinued() {
        Simulation sim = sim();
        List<Instant> ticks = new ArrayList<>();
        sim.host("a").start(() -> {
            for (int i = 0; i < 5; i++) {
                Scheduler.pauseFor(10);
                ticks.add(sim.now());
            }
        });
        sim.runFor(Duration.ofSeconds(25));
        assertEquals(START.plusSeconds(25), sim.now());
        assertEquals(List.of(START.plusSeconds(10), START.plusSeconds(20)), ticks);
        assertTrue(Hubs.onSimulatedPoller(), "partial runs keep the hub");
        sim.runFor(Duration.ofSeconds(100));
        assertEquals(START.plusSeconds(125), sim.now(), "time passes also when every host is done");
        assertEquals(5, ticks.size());
        sim.run();
    }

    @Test
    void runUntilChecksTheConditionWhenEachInstantsWorkIsDone() {
        Simulation sim = sim();
        int[] count = {0};
        sim.host("a").start(() -> {
            for (int i = 0; i < 10; i++) {
                Scheduler.pauseFor(1);
                count[0]++;
                Scheduler.pause();
                count[0]++;
            }
        });
        assertTrue(sim.runUntil(() -> count[0] >= 7));
        assertEquals(8, count[0], "checked after the instant's work: both increments of that second");
        assertEquals(START.plusSeconds(4), sim.now());
        assertFalse(sim.runUntil(() -> count[0] > 100), "every host is done, the condition never held");
        assertEquals(20, count[0]);
        sim.run();
    }

    @Test
    void runUntilWhoseConditionHoldsRunsNothing() {
        Simulation sim = sim();
        boolean[] ran = {false};
        sim.host("a").start(() -> ran[0] = true);
        assertTrue(sim.runUntil(() -> true));
        assertFalse(ran[0]);
        sim.run();
        assertTrue(ran[0]);
    }

    @Test
    void aReleasedSimulationCannotRunAgainButAnotherCanFollowOnTheSameThread() {
        Simulation first = sim();
        first.host("a").start(() -> {
            throw new IllegalStateException("first fails");
        });
        assertThrows(SimulationException.class, first::run);
        IllegalStateException again = assertThrows(IllegalStateException.class, first::run);
        assertTrue(again.getMessage().contains("build a new one"), again.getMessage());

        Simulation second = sim();
        boolean[] ran = {false};
        second.host("a").start(() -> ran[0] = true);
        second.run();
        assertTrue(ran[0]);
    }

    @Test
    void anIdleHubOfTheThreadIsReplacedAndOneWithLiveGreenletsIsRefused() {
        Hub idle = Hub.current();
        Simulation sim = sim();
        sim.host("a").start(() -> { });
        assertTrue(idle.isClosed(), "an idle hub the thread had is closed");
        sim.run();

        Greenlet parked = Scheduler.schedule(() -> GreenLockSupport.park("forever"));
        try {
            Simulation refused = sim();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> refused.host("a").start(() -> { }));
            assertTrue(e.getMessage().contains("1 live greenlets"), e.getMessage());
        } finally {
            Scheduler.end(parked);
            Hub.current().close();
        }
    }

    @Test
    void runIsForTheTestNotForAGreenlet() {
        Simulation sim = sim();
        Throwable[] caught = {null};
        sim.host("a").start(() -> {
            try {
                sim.runFor(Duration.ofSeconds(1));
            } catch (IllegalStateException e) {
                caught[0] = e;
            }
        });
        sim.run();
        assertTrue(caught[0].getMessage().contains("called by the test itself"), caught[0].getMessage());
    }

    @Test
    void aSimulationBelongsToOneThread() throws Exception {
        Simulation sim = sim();
        sim.host("a").start(() -> Scheduler.pauseFor(1));
        Throwable[] caught = {null};
        Thread other = new Thread(() -> {
            try {
                sim.heal();
            } catch (Throwable t) {
                caught[0] = t;
            }
        });
        other.start();
        other.join();
        assertTrue(caught[0] instanceof IllegalStateException, String.valueOf(caught[0]));
        sim.run();
    }

    @Test
    void hubExecuteFromAnotherThreadIsAnErrorThatSaysSo() throws Exception {
        Simulation sim = sim();
        Hub[] hub = {null};
        sim.host("a").start(() -> {
            hub[0] = Hub.current();
            Scheduler.pauseFor(1);
        });
        sim.runFor(Duration.ofMillis(500));
        Throwable[] refused = {null};
        boolean[] ran = {false};
        Thread other = new Thread(() -> {
            try {
                hub[0].execute(() -> ran[0] = true);
            } catch (Throwable t) {
                refused[0] = t;
            }
        }, "intruder");
        other.start();
        other.join();
        sim.run();
        assertTrue(refused[0] instanceof IllegalStateException, String.valueOf(refused[0]));
        String m = refused[0].getMessage();
        assertTrue(m.contains("thread intruder") && m.contains("the simulation (seed 0x5eed) runs on one thread"), m);
        assertFalse(ran[0]);
    }

    @Test
    void aRealPollerInsideASimulationIsAnErrorThatSaysSo() {
        Simulation sim = sim();
        sim.host("a").start(() -> {
            Scheduler.resetPoller();
            Scheduler.pauseFor(0.001);
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getMessage().contains("a:main of host a died of java.lang.IllegalStateException: the poller of the hub"
                + " of thread main cannot be replaced"), e.getMessage());
        assertTrue(e.getMessage().contains("only the simulated poller can run the simulation (seed 0x5eed)"), e.getMessage());
    }

    @Test
    void crashEndsTheHostsGreenletsAndRestartRunsItsBodyAgain() {
        Simulation sim = sim();
        SimHost server = sim.host("server");
        List<String> log = new ArrayList<>();
        Greenlet first = server.start(() -> {
            log.add("up at " + sim.now());
            try {
                Scheduler.pauseFor(100);
                log.add("served");
            } finally {
                log.add("finally at " + sim.now());
            }
        });
        assertEquals("server:main", first.name());
        sim.host("operator").start(() -> {
            Scheduler.pauseFor(10);
            sim.crash(server);
            assertTrue(server.isCrashed());
            Scheduler.pauseFor(5);
            Greenlet second = sim.restart(server);
            assertEquals("server:main@1", second.name());
            assertFalse(server.isCrashed());
        });
        sim.run();
        assertTrue(first.isDead());
        assertEquals(List.of("up at " + START, "finally at " + START.plusSeconds(10), "up at " + START.plusSeconds(15),
                "served", "finally at " + START.plusSeconds(115)), log);
        assertTrue(sim.trace().lines().stream().anyMatch(l -> l.endsWith("fault server operator:main crash server")),
                sim.trace().lines().toString());
    }

    @Test
    void greenletsAHostsTimersStartAfterItCrashedBelongToItAndNeverRun() {
        Simulation sim = sim();
        SimHost server = sim.host("server");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            Scheduler.scheduleIn(5, () -> log.add("timer ran at " + sim.now()));
            Scheduler.scheduleRecurring(1, () -> log.add("tick at " + sim.now()), 100, Scheduler.time() + 0.5);
            Scheduler.schedule(() -> Scheduler.scheduleIn(7, () -> log.add("grandchild's timer ran")));
            Scheduler.pauseFor(1000);
        });
        sim.host("operator").start(() -> {
            Scheduler.pauseFor(2);
            sim.crash(server);
            Scheduler.pauseFor(20);
            log.add("operator done at " + sim.now());
        });
        sim.run();
        // The recurring run's first turn is one interval after its start (1.5 s); the crash at 2 s ends the rest.
        assertEquals(List.of("tick at " + START.plusMillis(1500), "operator done at " + START.plusSeconds(22)), log);
    }

    @Test
    void restartingAHostThatIsUpCrashesItFirst() {
        Simulation sim = sim();
        SimHost server = sim.host("server");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            log.add("up at " + sim.now());
            Scheduler.pauseFor(100);
        });
        sim.host("operator").start(() -> {
            Scheduler.pauseFor(10);
            sim.restart(server);
        });
        sim.run();
        assertEquals(List.of("up at " + START, "up at " + START.plusSeconds(10)), log);
        assertEquals(START.plusSeconds(110), sim.now());
        assertEquals("server:main@1", server.mainGreenlet().name());
    }

    @Test
    void aCrashedHostCannotStartAndARunningMainCannotStartTwice() {
        Simulation sim = sim();
        SimHost a = sim.host("a");
        a.start(() -> Scheduler.pauseFor(1));
        assertThrows(IllegalStateException.class, () -> a.start(() -> { }));
        sim.crash(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.start(() -> { }));
        assertTrue(e.getMessage().contains("restart"), e.getMessage());
        sim.run();
    }

    @Test
    void faultsAreCheckedAndTraced() {
        Simulation other = sim();
        SimHost foreign = other.host("c");
        other.run();
        Simulation sim = sim();
        SimHost a = sim.host("a");
        SimHost b = sim.host("b");
        assertThrows(IllegalArgumentException.class, () -> sim.partition(a, a));
        assertThrows(IllegalArgumentException.class, () -> sim.partition(a, foreign));
        assertThrows(NullPointerException.class, () -> sim.hold(a, null));
        sim.partition(a, b);
        sim.partitionOneWay(b, a);
        sim.heal();
        sim.hold(a, b);
        sim.release(a, b);
        sim.run();
        List<String> faults = new ArrayList<>();
        for (String line : sim.trace().lines()) {
            if (line.contains(" fault ")) {
                faults.add(line.substring(line.indexOf("fault")));
            }
        }
        assertEquals(List.of("fault - main partition a<->b", "fault - main partition b->a", "fault - main heal",
                "fault - main hold a<->b", "fault - main release a<->b"), faults);
    }

    @Test
    void randomIsSeededAndIndependentOfTheSimulationsOwnDraws() {
        long[] a = draws(0x5eed, false);
        long[] b = draws(0x5eed, false);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
        long[] c = draws(0x5eed + 1, false);
        assertTrue(a[0] != c[0]);
        assertTrue(a[1] != c[1], "another seed draws other latencies");
        long[] d = draws(0x5eed, true);
        assertEquals(a[1], d[1], "drawing from random() does not change the network's draws");
    }

    /** {first test draw, trace hash of a run with network latency}. */
    private static long[] draws(long seed, boolean drawMore) {
        Simulation sim = Simulation.builder().seed(seed)
                .latency(Duration.ofMillis(1), Duration.ofMillis(50)).build();
        long first = sim.random().nextLong();
        if (drawMore) {
            for (int i = 0; i < 10; i++) {
                sim.random().nextInt(100);
            }
        }
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        server.start(() -> {
            GreenServerSocket l = Sockets.listen(80);
            GreenSocket c = l.accept();
            byte[] got = Sockets.readFully(c, 5);
            c.sendAll(got);
            c.close();
            l.close();
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            c.sendAll("hello".getBytes());
            byte[] echoed = Sockets.readFully(c, 5);   // not inside a constructor's arguments: Quasar cannot instrument that
            assertEquals("hello", new String(echoed));
            c.close();
        });
        sim.run();
        return new long[] {first, sim.trace().hash()};
    }

    @Test
    void randomPermutesTimersDueAtTheSameInstantAndFifoKeepsTheOrderTheyWereSet() {
        List<Integer> fifo = List.of(0, 1, 2, 3, 4);
        List<List<Integer>> random = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            assertEquals(fifo, sameInstantTimers(seed, Schedule.FIFO));
            List<Integer> order = sameInstantTimers(seed, Schedule.RANDOM);
            assertEquals(order, sameInstantTimers(seed, Schedule.RANDOM), "the same seed, the same order");
            random.add(order);
        }
        assertTrue(random.stream().anyMatch(o -> !o.equals(fifo)), "RANDOM varies the ties: " + random);
    }

    /** The order in which five greenlets scheduled for the same instant run. */
    private static List<Integer> sameInstantTimers(long seed, Schedule schedule) {
        Simulation sim = Simulation.builder().seed(seed).schedule(schedule).build();
        List<Integer> order = new ArrayList<>();
        sim.host("a").start(() -> {
            List<Greenlet> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                all.add(Scheduler.scheduleIn(1, () -> order.add(n)));
            }
            for (Greenlet g : all) {
                g.join();
            }
        });
        sim.run();
        return order;
    }

    @Test
    void theDefaultSeedIsRandomAndReported() {
        Simulation a = Simulation.builder().build();
        Simulation b = Simulation.builder().build();
        assertTrue(a.seed() != b.seed());
        assertTrue(a.toString().contains(Long.toHexString(a.seed())), a.toString());
    }

    @Test
    void builderRejectsBadSettings() {
        Simulation.Builder b = Simulation.builder();
        assertThrows(IllegalArgumentException.class, () -> b.latency(Duration.ofMillis(5), Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> b.latency(Duration.ofMillis(-1), Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> b.lossRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> b.duplicateRate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> b.duplicateRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.timeLimit(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> b.schedule(null));
        Simulation s = b.start(Instant.parse("2030-05-01T00:00:00Z")).schedule(Schedule.RANDOM).build();
        assertEquals(Instant.parse("2030-05-01T00:00:00Z"), s.now());
        assertEquals(Schedule.RANDOM, s.schedule());
    }

    @Test
    void anUnfinishedSimulationIsAbandonedWhenAnotherTakesTheThread() {
        Simulation unfinished = sim();
        unfinished.host("a").start(() -> Scheduler.pauseFor(1));
        Simulation next = sim();
        next.host("a").start(() -> { });
        next.run();
        IllegalStateException e = assertThrows(IllegalStateException.class, unfinished::run);
        assertTrue(e.getMessage().contains("another simulation took its thread"), e.getMessage());
    }

    @Test
    void theHubOfAFinishedSimulationIsGone() {
        Simulation sim = sim();
        Hub[] inside = {null};
        sim.host("a").start(() -> inside[0] = Hub.current());
        sim.run();
        assertTrue(inside[0].isClosed());
        assertNotSame(inside[0], Hub.current());
    }
}
