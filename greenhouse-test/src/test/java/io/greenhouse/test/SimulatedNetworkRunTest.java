package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.Scheduler;

/**
 * Greenlets on the simulated network, driven by the simulated poller: deliveries at exact virtual times,
 * back-pressure that blocks a writer, faults seen by the greenlets that wait across them.
 */
@Timeout(30)
class SimulatedNetworkRunTest {
    private static final Instant START = Simulation.DEFAULT_START;

    private static Simulation withLatency(long millis) {
        return Simulation.builder().seed(0x11).latency(Duration.ofMillis(millis), Duration.ofMillis(millis)).build();
    }

    @Test
    void aMessageArrivesExactlyOneLatencyAfterItIsSentAndTheClockJumpsThere() {
        Simulation sim = withLatency(5);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            SimSockets.Listener l = SimSockets.listen(sim, server, 80);
            SimSockets.Conn c = l.accept();
            log.add("accepted at " + sim.now());
            byte[] got = c.readFully(4);
            log.add(new String(got) + " at " + sim.now());
            c.close();
            l.close();
        });
        client.start(() -> {
            SimSockets.Conn c = SimSockets.connect(sim, client, server, 80);
            log.add("connected at " + sim.now());
            Scheduler.pauseFor(1);
            c.writeAll("ping".getBytes());
            c.close();
        });
        sim.run();
        assertEquals(List.of("accepted at " + START.plusMillis(5), "connected at " + START.plusMillis(10),
                "ping at " + START.plusMillis(1015)), log);
    }

    @Test
    void aWriterToAPeerThatDoesNotReadBlocksUntilThePeerReads() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        long[] wrote = {0};
        Instant[] done = {null};
        server.start(() -> {
            SimSockets.Listener l = SimSockets.listen(sim, server, 80);
            SimSockets.Conn c = l.accept();
            Scheduler.pauseFor(60);   // a slow reader
            long total = 0;
            while (total < 300_000) {
                total += c.read(65536).length;
            }
            c.close();
            l.close();
        });
        client.start(() -> {
            SimSockets.Conn c = SimSockets.connect(sim, client, server, 80);
            for (int i = 0; i < 30; i++) {
                c.writeAll(new byte[10_000]);
                wrote[0] += 10_000;
            }
            done[0] = sim.now();
            c.close();
        });
        assertTrue(sim.runUntil(() -> sim.now().isAfter(START.plusSeconds(30))));
        assertEquals(130_000, wrote[0], "the writer filled the window (64 KiB send + 64 KiB receive) and blocked");
        sim.run();
        assertEquals(300_000, wrote[0]);
        assertTrue(done[0].isAfter(START.plusSeconds(60)), "it finished after the reader began: " + done[0]);
    }

    @Test
    void bytesSentAcrossAPartitionArriveOneLatencyAfterTheHeal() {
        Simulation sim = withLatency(5);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        Instant[] arrived = {null};
        server.start(() -> {
            SimSockets.Listener l = SimSockets.listen(sim, server, 80);
            SimSockets.Conn c = l.accept();
            c.readFully(5);
            arrived[0] = sim.now();
            c.close();
            l.close();
        });
        client.start(() -> {
            SimSockets.Conn c = SimSockets.connect(sim, client, server, 80);
            sim.partition(client, server);
            c.writeAll("hello".getBytes());
            Scheduler.pauseFor(10);
            sim.heal();
            c.close();
        });
        sim.run();
        assertEquals(START.plusMillis(10).plusSeconds(10).plusMillis(5), arrived[0],
                "connected at 10 ms, healed 10 s later, flushed after one latency");
    }

    @Test
    void aReaderWhosePeerCrashedWaitsInSilenceAndTheDeadlockReportSaysOnWhat() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        server.start(() -> {
            SimSockets.Listener l = SimSockets.listen(sim, server, 80);
            l.accept();
            Scheduler.pauseFor(100);
        });
        client.start(() -> {
            SimSockets.Conn c = SimSockets.connect(sim, client, server, 80);
            sim.crash(server);
            c.read(10);
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        String m = e.getMessage();
        assertTrue(m.contains("deadlock"), m);
        assertTrue(m.contains("client:main waits on tcp#1 127.77.0.2:49152>127.77.0.1:80 (host client)"), m);
    }

    @Test
    void aPeerThatRestartedAnswersWithAReset() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        Throwable[] seen = {null};
        int[] incarnations = {0};
        server.start(() -> {
            if (incarnations[0]++ > 0) {
                return;   // the restarted server does nothing
            }
            SimSockets.Listener l = SimSockets.listen(sim, server, 80);
            l.accept();
            Scheduler.pauseFor(100);
        });
        client.start(() -> {
            SimSockets.Conn c = SimSockets.connect(sim, client, server, 80);
            sim.restart(server);
            c.writeAll("anyone?".getBytes());
            try {
                c.read(10);
            } catch (SocketException reset) {
                seen[0] = reset;
            }
        });
        sim.run();
        assertEquals("Connection reset", seen[0].getMessage());
    }
}
