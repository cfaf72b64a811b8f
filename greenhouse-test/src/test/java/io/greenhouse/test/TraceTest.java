package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.greenhouse.Scheduler;

/** {@link Trace}: one line per event, a hash computed as lines are appended, and a file. */
class TraceTest {

    private static Simulation ranTwoHosts(boolean keepLines) {
        Simulation sim = Simulation.builder().seed(3).keepTraceLines(keepLines).build();
        sim.host("a").start(() -> Scheduler.pauseFor(1.5));
        sim.host("b").start(() -> Scheduler.pauseFor(0.5));
        sim.run();
        return sim;
    }

    @Test
    void eachEventIsALineWithTimeKindHostGreenletAndDetail() {
        Simulation sim = ranTwoHosts(true);
        assertEquals(List.of(
                "0.000000000 start a a:main",
                "0.000000000 start b b:main",
                "0.000000000 switch a a:main",
                "0.000000000 switch b b:main",
                "0.500000000 clock - - +0.500000000 to timer",
                "0.500000000 switch b b:main",
                "0.500000000 switch - main",
                "1.500000000 clock - - +1.000000000 to timer",
                "1.500000000 switch a a:main",
                "1.500000000 switch - main"), sim.trace().lines());
        assertEquals(10, sim.trace().size());
    }

    @Test
    void theHashIsAFunctionOfTheEventsAloneAndLinesCanBeDropped() {
        Trace kept = ranTwoHosts(true).trace();
        Trace dropped = ranTwoHosts(false).trace();
        assertEquals(List.of(), dropped.lines());
        assertEquals(kept.size(), dropped.size());
        assertEquals(kept.hash(), dropped.hash());
        assertEquals(documentedHash(kept.lines()), kept.hash(), "String hash codes of each event's fields: stable anywhere");
    }

    /** The documented hash, recomputed from the lines: the time, then kind, host, greenlet, detail, each mixed in. */
    private static long documentedHash(List<String> lines) {
        long h = 0x6772656e686f7573L;
        for (String line : lines) {
            String[] f = line.split(" ", 5);
            h = io.greenhouse.test.internal.Seeds.mix(h + Math.round(Double.parseDouble(f[0]) * 1e9));
            for (int i = 1; i < 5; i++) {
                boolean missing = i >= f.length || (i < 4 && f[i].equals("-"));
                h = io.greenhouse.test.internal.Seeds.mix(h + (missing ? 0 : f[i].hashCode()));
            }
        }
        return h;
    }

    @Test
    void writeToWritesAHeaderAndTheLines(@TempDir Path dir) throws Exception {
        Trace t = ranTwoHosts(true).trace();
        Path file = dir.resolve("deep/er/run.trace");
        t.writeTo(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("# greenhouse trace: 10 events, hash 0x" + Long.toHexString(t.hash()), lines.get(0));
        assertEquals(t.lines(), lines.subList(1, lines.size()));
        assertTrue(t.toString().contains("10 events"));
        assertThrows(UnsupportedOperationException.class, () -> t.lines().add("x"));
    }
}
