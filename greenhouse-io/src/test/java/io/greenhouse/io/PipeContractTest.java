package io.greenhouse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** Pipes on every I/O poller; ports greenhouse's tests/test_io.py PipePollerMixin. */
abstract class PipeContractTest extends IoTestBase {
    private static String s(byte[] b) {
        return new String(b, US_ASCII);
    }

    @Test
    void basic() throws Exception {
        try (GreenPipe p = GreenPipe.open()) {
            p.sink().write("howdy".getBytes(US_ASCII));
            assertEquals("howdy", s(p.source().read(5)));
        }
    }

    @Test
    void blocking() throws Exception {
        try (GreenPipe p = GreenPipe.open()) {
            List<String> l = new ArrayList<>();
            // Not new String(read(4)): Quasar cannot suspend between a NEW and its constructor call.
            Scheduler.schedule(() -> l.add(s(p.source().read(4))));
            Scheduler.pause();
            assertTrue(l.isEmpty());
            p.sink().write("heyo".getBytes(US_ASCII));
            Scheduler.pauseFor(0.05);
            assertEquals(List.of("heyo"), l);
        }
    }

    @Test
    void closingTheSinkGivesEndOfStream() throws Exception {
        try (GreenPipe p = GreenPipe.open()) {
            p.sink().write(new byte[] {1, 2});
            p.sink().close();
            assertArrayEquals(new byte[] {1, 2}, p.source().read(10));
            assertEquals(-1, p.source().read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void aFullPipeBlocksTheWriterUntilRead() throws Exception {
        try (GreenPipe p = GreenPipe.open()) {
            byte[] data = new byte[1 << 20];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            Greenlet w = Scheduler.schedule(() -> {
                p.sink().write(data);
                p.sink().close();
            });
            Scheduler.pause();
            assertFalse(w.isDead());
            assertArrayEquals(data, p.source().read(data.length + 1));
        }
    }

    @Test
    void timeoutAndCloseWakeTheReader() throws Exception {
        try (GreenPipe p = GreenPipe.open()) {
            p.source().setTimeout(0.02);
            assertThrows(SocketTimeoutException.class, () -> p.source().read(1));
            p.source().setTimeout(-1);
            Greenlet g = Scheduler.schedule(() -> p.source().read(1));
            Scheduler.pause();
            p.source().close();
            g.join();
            uncaught.clear();
            assertInstanceOf(AsynchronousCloseException.class, g.failure());
        }
    }
}
