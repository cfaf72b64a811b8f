package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.Scheduler;

/**
 * The same seed gives the same run, event for event: in one JVM, across separate JVMs, and when a failure
 * is replayed by its seed; different seeds give different runs.
 */
@Tag("many-runs")
@Timeout(120)
class DeterminismTest {

    @Test
    void aHundredRunsOfABusyThreeHostProgramWithOneSeedGiveOneTraceHash() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            hashes.add(SimulationPrograms.echoTraceHash(0xdecafL, Schedule.RANDOM, 25, 10));
        }
        assertEquals(1, hashes.size(), "hashes: " + hashes);
    }

    @Test
    void theSameSeedGivesTheSameLinesAndFifoToo() {
        List<String> first = echoLines(42, Schedule.FIFO);
        assertTrue(first.size() > 500, "a busy run: " + first.size() + " events");
        assertEquals(first, echoLines(42, Schedule.FIFO));
    }

    private static List<String> echoLines(long seed, Schedule schedule) {
        Simulation sim = Simulation.builder().seed(seed).schedule(schedule)
                .latency(Duration.ofMillis(1), Duration.ofMillis(25)).shortIo(true).build();
        SimulationPrograms.echoRounds(sim, 3, 20);
        sim.run();
        return new ArrayList<>(sim.trace().lines());
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            hashes.add(SimulationPrograms.echoTraceHash(seed, Schedule.RANDOM, 25, 5));
        }
        assertEquals(10, hashes.size());
    }

    @Test
    void randomOrdersWhatTiesWhereFifoKeepsTheSendingOrder() {
        int differ = 0;
        for (long seed = 1; seed <= 5; seed++) {
            long fifo = SimulationPrograms.echoTraceHash(seed, Schedule.FIFO, 0, 5);
            assertEquals(fifo, SimulationPrograms.echoTraceHash(seed, Schedule.FIFO, 0, 5));
            differ += fifo != SimulationPrograms.echoTraceHash(seed, Schedule.RANDOM, 0, 5) ? 1 : 0;
        }
        assertTrue(differ > 0, "without latency messages tie; RANDOM draws their order and the wakeups'");
    }

    @Test
    void aFailureReplayedByItsSeedRunsTheSameEventsAndFailsTheSameWay() {
        long failing = -1;
        SimulationException first = null;
        for (long seed = 1; seed < 1000 && first == null; seed++) {
            try {
                racyCounter(seed);
            } catch (SimulationException e) {
                failing = seed;
                first = e;
            }
        }
        assertTrue(first != null, "some seed exposes the lost update");
        long replay = failing;
        SimulationException again = assertThrows(SimulationException.class, () -> racyCounter(replay));
        assertEquals(first.getMessage(), again.getMessage());
        assertEquals(first.trace().lines(), again.trace().lines());
        assertEquals(first.trace().hash(), again.trace().hash());
    }

    /** Two hosts update a shared counter with a read, a seeded pause and a write: some seeds lose an update. */
    private static void racyCounter(long seed) {
        Simulation sim = Simulation.builder().seed(seed).build();
        int[] counter = {0};
        for (String name : List.of("a", "b")) {
            sim.host(name).start(() -> {
                for (int i = 0; i < 3; i++) {
                    int read = counter[0];
                    Scheduler.pauseFor(sim.random().nextInt(3));
                    counter[0] = read + 1;
                }
            });
        }
        sim.host("checker").start(() -> {
            Scheduler.pauseFor(60);
            if (counter[0] != 6) {
                throw new AssertionError("lost update: counter is " + counter[0]);
            }
        });
        sim.run();
    }

    @Test
    void aSeparateJvmComputesTheSameTraceHash() throws Exception {
        long here = SimulationPrograms.echoTraceHash(0xc0ffeeL, Schedule.RANDOM, 25, 10);
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());   // the agent and the opens
        String backend = System.getProperty("greenhouse.backend");   // set by surefire, not on the command line
        if (backend != null) {
            command.add("-Dgreenhouse.backend=" + backend);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TraceHashMain.class.getName());
        command.add("0xc0ffee");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the other JVM finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        String last = text.lines().reduce((a, b) -> b).orElse("");
        assertEquals("hash 0x" + Long.toHexString(here), last, text);
    }

    /** Prints the trace hash of the echo program for the seed given as the first argument. */
    public static final class TraceHashMain {
        public static void main(String[] args) {
            long seed = io.greenhouse.test.internal.Seeds.parse(args[0]);
            System.out.println("hash 0x" + Long.toHexString(SimulationPrograms.echoTraceHash(seed, Schedule.RANDOM, 25, 10)));
        }
    }
}
