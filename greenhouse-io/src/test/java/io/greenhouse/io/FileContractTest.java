package io.greenhouse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** Files on every I/O poller; ports greenhouse's tests/test_io.py FilePollerMixin. */
abstract class FileContractTest extends IoTestBase {
    private Path fname;

    @BeforeEach
    void tempName() throws IOException {
        fname = Files.createTempFile("greenhouse", ".txt");
        Files.delete(fname);
    }

    @AfterEach
    void removeTemp() throws IOException {
        Files.deleteIfExists(fname);
    }

    private void content(String s) throws IOException {
        Files.writeString(fname, s, US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, US_ASCII);
    }

    @Test
    void basicIo() throws Exception {
        try (GreenFile fp = GreenFile.open(fname, "w")) {
            fp.write("this is testing text");
        }
        try (GreenFile fp2 = GreenFile.open(fname, "r")) {
            assertEquals("this is testing text", s(fp2.read()));
        }
    }

    @Test
    void failsToReadMissingFile() {
        assertThrows(IOException.class, () -> GreenFile.open(fname, "r"));
    }

    @Test
    void readline() throws Exception {
        content("this\nis\na\n\ntest\n");
        try (GreenFile fp = GreenFile.open(fname, "r")) {
            for (String line : new String[] {"this\n", "is\n", "a\n", "\n", "test\n"}) {
                assertEquals(line, s(fp.readLineBytes(-1)));
            }
            assertEquals(0, fp.readLineBytes(-1).length);
        }
    }

    @Test
    void readlineLimit() throws Exception {
        content("this is a test of a limited readline\nAnd this is a second line");
        try (GreenFile fp = GreenFile.open(fname, "r")) {
            assertEquals("this is a", s(fp.readLineBytes(9)));
            assertEquals(" test of a limited readline\n", s(fp.readLineBytes(-1)));
        }
    }

    @Test
    void seekAndTell() throws Exception {
        content("foo bar spam eggs");
        try (GreenFile fp = GreenFile.open(fname, "r")) {
            assertEquals(0, fp.tell());
            fp.seek(4);
            assertEquals(4, fp.tell());
            assertEquals("bar", s(fp.read(3)));
            fp.seek(-4, GreenFile.SEEK_END);
            assertEquals(13, fp.tell());
            assertEquals("eggs", s(fp.read(4)));
        }
    }

    @Test
    void appendMode() throws Exception {
        content("standard file\n");
        try (GreenFile fp = GreenFile.open(fname, "a")) {
            fp.write("greenhouse");
        }
        assertEquals("standard file\ngreenhouse", Files.readString(fname, US_ASCII));
    }

    @Test
    void readwriteMode() throws Exception {
        try (GreenFile fp = GreenFile.open(fname, "r+")) {
            fp.write("this is a test");
            fp.seek(0);
            assertEquals("this is a test", s(fp.read()));
        }
    }

    @Test
    void iteration() throws Exception {
        content("this\nis\na\n\ntest");
        List<String> lines = new ArrayList<>();
        try (GreenFile fp = GreenFile.open(fname, "r")) {
            String line;
            while ((line = fp.readLine()) != null) {
                lines.add(line);
            }
        }
        assertEquals(List.of("this", "is", "a", "", "test"), lines);
    }

    @Test
    void incrementalReads() throws Exception {
        content("this is a test");
        try (GreenFile fp = GreenFile.open(fname, "r")) {
            assertEquals("this", s(fp.read(4)));
            assertEquals(" is", s(fp.read(3)));
            assertEquals(" a", s(fp.read(2)));
            assertEquals(" test", s(fp.read(5)));
            assertEquals("", s(fp.read(1)));
        }
    }

    @Test
    void tellIsTheLogicalPositionAfterReadAhead() throws Exception {
        content("ab\ncd\n");
        try (GreenFile fp = GreenFile.open(fname, "r+")) {
            assertEquals("ab", fp.readLine());
            assertEquals(3, fp.tell());
            fp.write("XY");
            fp.seek(0);
            assertEquals("ab\nXY\n", s(fp.read()));
        }
    }

    @Test
    void otherGreenletsRunWhileAFileCallIsPending() throws Exception {
        content("x".repeat(100_000));
        List<String> order = new ArrayList<>();
        Greenlet reader = Scheduler.schedule(() -> {
            try (GreenFile fp = GreenFile.open(fname, "r")) {
                order.add("read " + fp.read().length);
            }
        });
        Scheduler.schedule(() -> order.add("other"));
        reader.join();
        assertEquals(List.of("other", "read 100000"), order);
        assertNull(reader.failure());
    }

    @Test
    void callsAfterCloseThrow() throws Exception {
        GreenFile fp = GreenFile.open(fname, "w");
        fp.close();
        fp.close();
        assertTrue(fp.isClosed());
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> fp.write("x"));
    }
}
