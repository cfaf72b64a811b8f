package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenDatagramSocket;
import io.greenhouse.io.GreenFile;
import io.greenhouse.io.GreenPipe;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;

/**
 * greenhouse-io's own sockets on the simulated network, unchanged: deliveries at exact virtual times,
 * back-pressure that blocks a writer, half-close, and every fault as the greenlets on either side see it.
 */
@Timeout(30)
class SimulatedSocketsTest {
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
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                log.add("accepted at " + sim.now());
                byte[] got = Sockets.readFully(c, 4);
                log.add(new String(got, StandardCharsets.UTF_8) + " at " + sim.now());
                c.close();
            }
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            log.add("connected at " + sim.now());
            Scheduler.pauseFor(1);
            c.sendAll("ping".getBytes(StandardCharsets.UTF_8));
            c.close();
        });
        sim.run();
        assertEquals(List.of("accepted at " + START.plusMillis(5), "connected at " + START.plusMillis(10),
                "ping at " + START.plusMillis(1015)), log);
    }

    @Test
    void theWildcardAddressIsTheHostsOwnAndNamesAndAddressesBothConnect() {
        Simulation sim = Simulation.builder().seed(3).build();
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        List<Object> seen = new ArrayList<>();
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                seen.add(l.localAddress());
                for (int i = 0; i < 3; i++) {
                    GreenSocket c = l.accept();
                    seen.add(c.remoteAddress());
                    c.close();
                }
            }
        });
        client.start(() -> {
            GreenSocket.connect("server", 80).close();
            GreenSocket.connect(new InetSocketAddress(server.address(), 80)).close();
            GreenSocket.connect(new InetSocketAddress("127.77.0.1", 80)).close();
        });
        sim.run();
        assertEquals(new InetSocketAddress(server.address(), 80), seen.get(0));
        for (int i = 1; i <= 3; i++) {
            assertEquals(client.address(), ((InetSocketAddress) seen.get(i)).getAddress());
        }
    }

    @Test
    void aPortNobodyListensOnRefusesAndAnUnknownNameDoesNotResolve() {
        Simulation sim = withLatency(1);
        sim.host("server").start(() -> { });
        List<Class<?>> errors = new ArrayList<>();
        sim.host("client").start(() -> {
            try {
                GreenSocket.connect("server", 81);
            } catch (ConnectException e) {
                errors.add(e.getClass());
            }
            try {
                GreenSocket.connect("nowhere", 80);
            } catch (UnknownHostException e) {
                errors.add(e.getClass());
            }
        });
        sim.run();
        assertEquals(List.of(ConnectException.class, UnknownHostException.class), errors);
    }

    @Test
    void aWriterToAPeerThatDoesNotReadBlocksUntilThePeerReads() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        long[] wrote = {0};
        Instant[] done = {null};
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                Scheduler.pauseFor(60);   // a slow reader
                long total = 0;
                while (total < 300_000) {
                    total += c.recv(65536).length;
                }
                c.close();
            }
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            for (int i = 0; i < 30; i++) {
                c.sendAll(new byte[10_000]);
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
    void halfCloseLetsThePeerReadTheEndAndAnswer() {
        Simulation sim = withLatency(2);
        SimHost server = sim.host("server");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                byte[] request = c.recv(100);
                byte[] end = c.recv(100);
                log.add(new String(request, StandardCharsets.UTF_8) + ", then " + end.length + " bytes");
                c.sendAll("answer".getBytes(StandardCharsets.UTF_8));
                c.close();
            }
        });
        sim.host("client").start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            c.sendAll("question".getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
            log.add(new String(Sockets.readFully(c, 100), StandardCharsets.UTF_8));
            c.close();
        });
        sim.run();
        assertEquals(List.of("question, then 0 bytes", "answer"), log);
    }

    @Test
    void bytesSentAcrossAPartitionArriveOneLatencyAfterTheHeal() {
        Simulation sim = withLatency(5);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        Instant[] arrived = {null};
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                Sockets.readFully(c, 5);
                arrived[0] = sim.now();
                c.close();
            }
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            sim.partition(client, server);
            c.sendAll("hello".getBytes(StandardCharsets.UTF_8));
            Scheduler.pauseFor(10);
            sim.heal();
            c.close();
        });
        sim.run();
        assertEquals(START.plusMillis(10).plusSeconds(10).plusMillis(5), arrived[0],
                "connected at 10 ms, healed 10 s later, flushed after one latency");
    }

    @Test
    void aOneWayPartitionStopsOneDirectionOnly() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                c.sendAll("down".getBytes(StandardCharsets.UTF_8));
                log.add("server got " + new String(Sockets.readFully(c, 2), StandardCharsets.UTF_8) + " at " + sim.now());
                c.close();
            }
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            sim.partitionOneWay(client, server);
            c.sendAll("up".getBytes(StandardCharsets.UTF_8));
            log.add("client got " + new String(Sockets.readFully(c, 4), StandardCharsets.UTF_8) + " at " + sim.now());
            Scheduler.pauseFor(5);
            sim.heal();
            Sockets.readFully(c, 1);   // the end of the stream, once the server is done
            c.close();
        });
        sim.run();
        assertEquals(List.of("client got down at " + START.plusMillis(2),
                "server got up at " + START.plusMillis(2).plusSeconds(5).plusMillis(1)), log);
    }

    @Test
    void heldMessagesWaitAndThenFlowInOrder() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        List<String> got = new ArrayList<>();
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                byte[] b;
                while ((b = c.recv(1)).length > 0) {
                    got.add(new String(b, StandardCharsets.UTF_8) + "@" + sim.now());
                }
                c.close();
            }
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            sim.hold(client, server);
            for (String s : List.of("a", "b", "c")) {
                c.sendAll(s.getBytes(StandardCharsets.UTF_8));
                Scheduler.pauseFor(1);
            }
            sim.release(client, server);
            c.close();
        });
        sim.run();
        Instant flushed = START.plusMillis(2).plusSeconds(3).plusMillis(1);
        assertEquals(List.of("a@" + flushed, "b@" + flushed, "c@" + flushed), got);
    }

    @Test
    void aReaderWhosePeerCrashedWaitsInSilenceAndTheDeadlockReportSaysOnWhatAndWhere() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        SimHost client = sim.host("client");
        server.start(() -> {
            GreenServerSocket l = Sockets.listen(80);
            l.accept();
            Scheduler.pauseFor(100);
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            sim.crash(server);
            readAnAnswer(c);
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        String m = e.getMessage();
        assertTrue(m.contains("deadlock"), m);
        assertTrue(m.contains("client:main [host=client] waits on simulated socket tcp#1 127.77.0.2:49152>127.77.0.1:80"
                + " of host client (read)"), m);
        assertTrue(m.contains("at io.greenhouse.test.SimulatedSocketsTest.readAnAnswer(SimulatedSocketsTest.java"), m);
    }

    private static void readAnAnswer(GreenSocket c) throws co.paralleluniverse.fibers.SuspendExecution, IOException {
        c.recv(10);
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
            GreenServerSocket l = Sockets.listen(80);
            l.accept();
            Scheduler.pauseFor(100);
        });
        client.start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            sim.restart(server);
            c.sendAll("anyone?".getBytes(StandardCharsets.UTF_8));
            try {
                c.recv(10);
            } catch (SocketException reset) {
                seen[0] = reset;
            }
        });
        sim.run();
        assertEquals("Connection reset", seen[0].getMessage());
    }

    @Test
    void aCrashEndsEveryGreenletTheHostsGreenletsScheduledAndItsSocketsAreGone() {
        Simulation sim = withLatency(1);
        SimHost server = sim.host("server");
        List<String> log = new ArrayList<>();
        server.start(() -> {
            GreenServerSocket l = Sockets.listen(80);
            Scheduler.schedule(() -> Scheduler.schedule(() -> {
                try {
                    l.accept();
                } finally {
                    log.add("grandchild ended at " + sim.now());
                }
            }));
            Scheduler.pauseFor(1000);
        });
        sim.host("client").start(() -> {
            Scheduler.pauseFor(1);
            sim.crash(server);
            Scheduler.pauseFor(1);
            try {
                GreenSocket.connect(new InetSocketAddress("server", 80), 5);
            } catch (java.net.SocketTimeoutException e) {
                log.add("silence until " + sim.now());
            }
        });
        sim.run();
        assertEquals(List.of("grandchild ended at " + START.plusSeconds(1),
                "silence until " + START.plusSeconds(7)), log);
        assertTrue(sim.trace().lines().stream().anyMatch(l -> l.contains(" switch server greenlet-")),
                "the grandchild ran as a greenlet of host server");
    }

    @Test
    void datagramsAreLostDuplicatedAndReorderedBySeed() {
        Simulation sim = Simulation.builder().seed(7).latency(Duration.ZERO, Duration.ofMillis(50))
                .lossRate(0.2).duplicateRate(0.2).build();
        List<Integer> got = new ArrayList<>();
        sim.host("receiver").start(() -> {
            try (GreenDatagramSocket s = GreenDatagramSocket.bind(new InetSocketAddress(53))) {
                s.setTimeout(1);
                ByteBuffer b = ByteBuffer.allocate(4);
                for (;;) {
                    b.clear();
                    try {
                        s.receive(b);
                    } catch (java.net.SocketTimeoutException quiet) {
                        break;
                    }
                    got.add(b.flip().getInt());
                }
            }
        });
        sim.host("sender").start(() -> {
            try (GreenDatagramSocket s = GreenDatagramSocket.bind(new InetSocketAddress(0))) {
                for (int i = 0; i < 100; i++) {
                    s.send(ByteBuffer.allocate(4).putInt(0, i), new InetSocketAddress("receiver", 53));
                }
            }
        });
        sim.run();
        List<Integer> sorted = new ArrayList<>(got);
        sorted.sort(null);
        assertTrue(got.size() < 100 + 30 && new java.util.HashSet<>(got).size() < 100, "some lost: " + got);
        assertTrue(got.size() > new java.util.HashSet<>(got).size(), "some twice: " + got);
        assertFalse(got.equals(sorted), "some overtook others: " + got);
    }

    @Test
    void shortIoReadsAndWritesPartsButTheBytesArriveWhole() {
        Simulation sim = Simulation.builder().seed(5).shortIo(true).build();
        SimHost server = sim.host("server");
        int[] reads = {0};
        byte[][] received = {null};
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        server.start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                GreenSocket c = l.accept();
                ByteBuffer b = ByteBuffer.allocate(data.length);
                while (b.hasRemaining() && c.read(b) > 0) {
                    reads[0]++;
                }
                received[0] = b.array();
                c.close();
            }
        });
        sim.host("client").start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            ByteBuffer b = ByteBuffer.wrap(data);
            int writes = 0;
            while (b.hasRemaining()) {
                c.write(b);
                writes++;
            }
            assertTrue(writes > 1, "partial writes");
            c.close();
        });
        sim.run();
        assertArrayEquals(data, received[0]);
        assertTrue(reads[0] > 1, "short reads: " + reads[0]);
    }

    @Test
    void filesPipesAndBlockingCallsRunAtOneVirtualInstant(@TempDir Path dir) throws IOException {
        Simulation sim = withLatency(1);
        Path file = dir.resolve("state.txt");
        List<String> log = new ArrayList<>();
        sim.host("a").start(() -> {
            Instant t0 = sim.now();
            try (GreenFile f = GreenFile.open(file, "w")) {
                f.write("saved\n".getBytes(StandardCharsets.UTF_8));
            }
            try (GreenFile f = GreenFile.open(file, "r")) {
                log.add(f.readLine().strip());
            }
            GreenPipe pipe = GreenPipe.open();
            Scheduler.schedule(() -> {
                pipe.sink().write("through the pipe".getBytes(StandardCharsets.UTF_8));
                pipe.sink().close();
            });
            StringBuilder all = new StringBuilder();
            byte[] chunk;
            while ((chunk = pipe.source().read(100)).length > 0) {
                all.append(new String(chunk, StandardCharsets.UTF_8));
            }
            log.add(all.toString());
            pipe.source().close();
            log.add(sim.now().equals(t0) ? "no virtual time passed" : "time passed");
        });
        sim.run();
        assertEquals(List.of("saved", "through the pipe", "no virtual time passed"), log);
        assertEquals("saved\n", Files.readString(file));
    }

    @Test
    void socketsBelongToHostsNotToTheTestsOwnGreenlets() {
        Simulation sim = withLatency(1);
        sim.host("a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sockets.listen(80));
        assertTrue(e.getMessage().contains("belongs to a host"), e.getMessage());
        sim.run();
    }

    @Test
    void socketOptionsAreKeptAndOnesASocketDoesNotHaveAreRefused() {
        Simulation sim = withLatency(1);
        List<Object> seen = new ArrayList<>();
        sim.host("server").start(() -> {
            try (GreenServerSocket l = Sockets.listen(80)) {
                l.accept().close();
            }
        });
        sim.host("client").start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            seen.add(c.getOption(java.net.StandardSocketOptions.TCP_NODELAY));
            seen.add(c.getOption(java.net.StandardSocketOptions.SO_KEEPALIVE));
            try {
                c.setOption(java.net.StandardSocketOptions.SO_BROADCAST, true);
            } catch (UnsupportedOperationException e) {
                seen.add(e.getMessage());
            }
            c.close();
        });
        sim.run();
        assertEquals(List.of(true, false, "'SO_BROADCAST' not supported by this simulated socket"), seen);
    }

    @Test
    void aCrashedHostsAddressStaysItsOwn() {
        Simulation sim = withLatency(1);
        SimHost a = sim.host("a");
        InetAddress before = a.address();
        sim.crash(a);
        sim.restart(a);
        assertEquals(before, a.address());
        sim.run();
    }
}
