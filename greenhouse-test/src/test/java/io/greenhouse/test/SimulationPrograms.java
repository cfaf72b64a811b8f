package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;

/** Small programs for simulations: busy enough that the order of their events depends on every draw. */
final class SimulationPrograms {
    private SimulationPrograms() {
    }

    /**
     * An echo server on host {@code server} and {@code clients} client hosts, each sending {@code rounds}
     * messages after seeded pauses, checking every echo; buggify makes some clients pause longer.
     */
    static void echoRounds(Simulation sim, int clients, int rounds) {
        SimHost server = sim.host("server");
        server.start(() -> {
            GreenServerSocket l = Sockets.listen(7);
            List<Greenlet> handlers = newList();
            for (int i = 0; i < clients; i++) {
                GreenSocket c = l.accept();
                handlers.add(Scheduler.schedule(() -> {
                    for (;;) {
                        byte[] got = c.recv(64);
                        if (got.length == 0) {
                            break;
                        }
                        c.sendAll(got);
                    }
                    c.close();
                }));
            }
            for (Greenlet h : handlers) {
                h.join();
            }
            l.close();
        });
        for (int i = 0; i < clients; i++) {
            SimHost client = sim.host("client" + i);
            client.start(() -> {
                Scheduler.pauseFor(sim.random().nextInt(5) / 1000.0);
                GreenSocket c = GreenSocket.connect("server", 7);
                for (int r = 0; r < rounds; r++) {
                    if (Buggify.fires()) {
                        Scheduler.pauseFor(0.5);
                    }
                    byte[] msg = (client.name() + " round " + r).getBytes(StandardCharsets.UTF_8);
                    c.sendAll(msg);
                    byte[] echo = Sockets.readFully(c, msg.length);
                    assertEquals(ByteBuffer.wrap(msg), ByteBuffer.wrap(echo));
                    Scheduler.pauseFor(sim.random().nextInt(20) / 1000.0);
                }
                c.close();
            });
        }
    }

    private static List<Greenlet> newList() {
        return new ArrayList<>();
    }

    /**
     * The trace hash of one run of {@link #echoRounds} with three clients, short I/O, latency up to
     * {@code maxLatencyMillis} (0: every message of an instant ties with the others) under {@code schedule}.
     */
    static long echoTraceHash(long seed, Schedule schedule, int maxLatencyMillis, int rounds) {
        Simulation sim = Simulation.builder().seed(seed).schedule(schedule)
                .latency(Duration.ZERO, Duration.ofMillis(maxLatencyMillis)).shortIo(true).build();
        echoRounds(sim, 3, rounds);
        sim.run();
        return sim.trace().hash();
    }
}
