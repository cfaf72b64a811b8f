package io.greenhouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/**
 * 1,000 concurrent connections through one hub, each echoing 1 MiB, every byte checked. Runs in the
 * "load" surefire execution (no instrumentation verification: it would make every switch walk the stack).
 */
@Tag("load")
abstract class EchoLoadContractTest extends IoTestBase {
    private static final int CONNECTIONS = 1000;
    private static final int BYTES = 1 << 20;
    private static final int CHUNK = 16 * 1024;

    private static byte expected(int connection, int index) {
        return (byte) (index * 31 + connection);
    }

    @Test
    @Timeout(60)
    void thousandConnectionsEachEchoOneMebibyte() throws Exception {
        GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                CONNECTIONS);
        Greenlet acceptor = Scheduler.schedule(() -> {
            for (int i = 0; i < CONNECTIONS; i++) {
                GreenSocket s = server.accept();
                Scheduler.schedule(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                    try (s) {
                        while (s.read(buf) > 0) {
                            buf.flip();
                            s.writeFully(buf);
                            buf.clear();
                        }
                    }
                });
            }
        });
        long[] verified = new long[1];
        List<Greenlet> readers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CONNECTIONS; c++) {
            int conn = c;
            readers.add(Scheduler.schedule(() -> {
                GreenSocket s = GreenSocket.connect(server.localAddress());
                Scheduler.schedule(() -> {
                    ByteBuffer out = ByteBuffer.allocate(CHUNK);
                    for (int sent = 0; sent < BYTES; ) {
                        out.clear();
                        int n = Math.min(CHUNK, BYTES - sent);
                        for (int i = 0; i < n; i++) {
                            out.put(expected(conn, sent + i));
                        }
                        out.flip();
                        s.writeFully(out);
                        sent += n;
                    }
                    s.shutdownOutput();
                });
                ByteBuffer in = ByteBuffer.allocate(CHUNK);
                int received = 0;
                try (s) {
                    int n;
                    while ((n = s.read(in)) > 0) {
                        byte[] a = in.array();
                        for (int i = 0; i < n; i++) {
                            if (a[i] != expected(conn, received + i)) {
                                throw new AssertionError("connection " + conn + " byte " + (received + i));
                            }
                        }
                        received += n;
                        in.clear();
                    }
                }
                assertEquals(BYTES, received, "connection " + conn);
                verified[0] += received;
            }));
        }
        for (Greenlet g : readers) {
            g.join();
            assertNull(g.failure());
        }
        acceptor.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        server.close();
        assertEquals((long) CONNECTIONS * BYTES, verified[0]);
        System.getLogger("io.greenhouse.io.test").log(System.Logger.Level.INFO,
                poller() + ": " + CONNECTIONS + " x 1 MiB echoed in " + seconds + " s");
        assertTrue(uncaught.isEmpty(), () -> uncaught.toString());
    }
}
