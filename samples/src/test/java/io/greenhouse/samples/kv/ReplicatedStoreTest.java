package io.greenhouse.samples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Scheduler;
import io.greenhouse.samples.kv.Primary.Durability;
import io.greenhouse.test.SimHost;
import io.greenhouse.test.Simulation;
import io.greenhouse.test.SimulationException;
import io.greenhouse.test.SimulationTest;

/**
 * The replicated store on the simulated network: a client writes to the primary until the primary crashes at a
 * seeded moment, fails over to the backup, and checks that every write it was told {@code OK} about is there.
 * The store that acknowledges before it replicates loses writes for some crash timings: a seed search finds one,
 * and its seed replays it event for event; the store that replicates first passes every seed.
 */
class ReplicatedStoreTest {
    static final int PORT = 7000;

    /** The network of every run: 1 to 10 ms per message. */
    static Simulation.Builder network(Simulation.Builder b) {
        return b.latency(Duration.ofMillis(1), Duration.ofMillis(10));
    }

    /**
     * Three hosts; the client writes 20 keys with seeded pauses while the primary crashes at a seeded moment,
     * then reads every write it was told OK about from the backup, as it would after a failover.
     */
    static void crashThePrimaryAndFailOver(Simulation sim, Durability durability) {
        SimHost primary = sim.host("primary");
        sim.host("backup").start(() -> new Backup(PORT).serve());
        primary.start(() -> new Primary(PORT, "backup", durability).serve());
        double crashAt = sim.random().nextDouble() * 0.5;          // seeded: each seed crashes elsewhere
        sim.host("client").start(() -> {
            Scheduler.scheduleIn(crashAt, () -> sim.crash(primary));
            List<String> acknowledged = writeUntilThePrimaryIsGone(sim);
            Scheduler.pauseFor(1);                                  // replication settles
            assertEveryWriteIsOnTheBackup(acknowledged);            // as after a failover
        });
        sim.run();                                                 // until every host's main greenlet is dead
    }

    /** Writes 20 keys with seeded pauses; returns those the primary acknowledged before it went silent. */
    static List<String> writeUntilThePrimaryIsGone(Simulation sim) throws SuspendExecution {
        Scheduler.pauseFor(0.02);   // the servers come up
        List<String> acknowledged = new ArrayList<>();
        try (KvClient kv = KvClient.connect("primary", PORT, 0.2)) {
            for (int i = 0; i < 20; i++) {
                kv.put("k" + i, "v" + i);
                acknowledged.add("k" + i);
                Scheduler.pauseFor(sim.random().nextDouble() * 0.02);
            }
        } catch (IOException primaryGone) {
            // a timeout: the primary crashed
        }
        return acknowledged;
    }

    /** Reads every acknowledged key from the backup, then stops it. */
    static void assertEveryWriteIsOnTheBackup(List<String> acknowledged) throws SuspendExecution, IOException {
        try (KvClient kv = KvClient.connect("backup", PORT, 0.2)) {
            for (String k : acknowledged) {
                assertEquals("v" + k.substring(1), kv.get(k), "acknowledged write " + k + " was lost");
            }
            kv.stopServer();
        }
    }

    /** The fixed store: a thousand seeds, a thousand crash timings, and every acknowledged write survives. */
    @SimulationTest(seeds = 1000)
    void acknowledgedWritesSurviveACrashOfThePrimary(Simulation.Builder builder) {
        crashThePrimaryAndFailOver(network(builder).build(), Durability.REPLICATE_THEN_ACK);
    }

    /** Each seed twice: the two runs must not part at any event (no wall clock, no identity hash order). */
    @SimulationTest(seeds = 20, checkDeterminism = true)
    void theStoreRunsTheSameEventsForTheSameSeed(Simulation.Builder builder) {
        crashThePrimaryAndFailOver(network(builder).build(), Durability.REPLICATE_THEN_ACK);
    }

    @Test
    void aSeedSearchFindsTheLostWriteAndItsSeedReplaysItEventForEvent() {
        SimulationException found = null;
        int tried = 0;
        for (long seed = 1; seed <= 500 && found == null; seed++, tried++) {
            try {
                crashThePrimaryAndFailOver(network(Simulation.builder().seed(seed)).build(), Durability.ACK_THEN_REPLICATE);
            } catch (SimulationException e) {
                found = e;
            }
        }
        assertNotNull(found, "a seed among " + tried + " exposes the lost write");
        assertTrue(tried > 1, "not every seed: only some crash timings expose it");
        assertTrue(found.getMessage().startsWith("seed 0x" + Long.toHexString(found.seed())
                + " (replay: -Dgreenhouse.seed=0x" + Long.toHexString(found.seed()) + "): "), found.getMessage());
        assertTrue(found.getMessage().contains("was lost"), found.getMessage());
        long seed = found.seed();
        SimulationException again = assertThrows(SimulationException.class, () -> crashThePrimaryAndFailOver(
                network(Simulation.builder().seed(seed)).build(), Durability.ACK_THEN_REPLICATE));
        assertEquals(found.getMessage(), again.getMessage());
        assertEquals(found.trace().hash(), again.trace().hash());
        assertEquals(found.trace().lines(), again.trace().lines());
    }

    /** The store with the planted bug, as a user would first test it. Run by the test below, not on its own. */
    static class StoreThatAcknowledgesFirst {
        @SimulationTest(seeds = 400)
        void acknowledgedWritesSurviveACrashOfThePrimary(Simulation.Builder builder) {
            crashThePrimaryAndFailOver(network(builder).build(), Durability.ACK_THEN_REPLICATE);
        }
    }

    @Test
    void theFailingSeedOfASimulationTestIsReportedAndReplayedWithTheSystemProperty() {
        List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(StoreThatAcknowledgesFirst.class))
                .execute().testEvents().failed().list();
        assertTrue(!failed.isEmpty(), "some of 400 seeds fail (each does with a chance of about 1 in 25)");
        Throwable first = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        long seed = ((SimulationException) first).seed();
        String name = failed.get(0).getTestDescriptor().getDisplayName();
        assertEquals("seed 0x" + Long.toHexString(seed), name, "each seed is an invocation named with it");
        String old = System.setProperty("greenhouse.seed", "0x" + Long.toHexString(seed));
        try {
            List<Event> replay = EngineTestKit.engine("junit-jupiter").selectors(selectClass(StoreThatAcknowledgesFirst.class))
                    .execute().testEvents().list();
            List<Event> replayFailed = replay.stream().filter(e -> e.getType() == org.junit.platform.testkit.engine.EventType.FINISHED)
                    .toList();
            assertEquals(1, replayFailed.size(), "the replay runs that seed only");
            Throwable again = replayFailed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .orElseThrow().getThrowable().orElseThrow();
            assertEquals(first.getMessage(), again.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("greenhouse.seed");
            } else {
                System.setProperty("greenhouse.seed", old);
            }
        }
    }
}
