package io.greenhouse.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenSocket;

/**
 * Reads through {@link GreenSocket#inputStream()} that have to wait for their bytes: the bytes that arrive
 * must be the ones the caller gets, in the caller's own array.
 */
@Timeout(30)
class StreamReadsTest {
    @AfterEach
    void closeHub() {
        Hub.current().close();
    }

    /**
     * Starts {@code reader} on a socket pair's first end, lets it block, checks that it did, sends
     * {@code data} from the other end, and waits for the reader.
     */
    private static void readWhileWaiting(byte[] data, ReaderBody reader) throws Exception {
        Hub.run(() -> {
            GreenSocket[] pair = GreenSocket.pair();
            try {
                InputStream in = pair[0].inputStream();
                Greenlet g = Scheduler.schedule(reader.on(in));
                Scheduler.pause();
                assertFalse(g.isDead(), "the reader must be waiting for the bytes");
                pair[1].sendAll(data);
                g.join();
            } finally {
                pair[0].close();
                pair[1].close();
            }
        });
    }

    /** A greenlet body that reads from {@code in}. */
    @FunctionalInterface
    interface ReaderBody {
        GreenRunnable on(InputStream in);
    }

    @Test
    void singleByteReadReturnsTheByteThatArrived() throws Exception {
        int[] got = {-2};
        readWhileWaiting(new byte[] {'!'}, in -> () -> got[0] = in.read());
        assertEquals('!', got[0]);
    }

    @Test
    void readIntoAFreshArrayFillsThatArray() throws Exception {
        int[] count = new int[1];
        byte[][] filled = new byte[1][];
        readWhileWaiting("howdy".getBytes(StandardCharsets.US_ASCII), in -> () -> {
            byte[] buf = new byte[16];
            int n = in.read(buf);
            count[0] = n;
            filled[0] = buf;
        });
        assertEquals(5, count[0]);
        assertArrayEquals("howdy".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(filled[0], 5));
    }
}
