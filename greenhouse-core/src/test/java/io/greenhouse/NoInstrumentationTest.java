package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * On the JDK backend nothing needs instrumenting: a greenlet suspends through ordinary methods (no
 * {@code @Suspendable}, no {@code throws SuspendExecution}), inside JDK methods that call back into it (forEach,
 * streams, sort, computeIfAbsent), inside constructor arguments and string concatenation, under a
 * {@code catch (Throwable)}, and at any depth. These test classes are not instrumented in that run (no agent),
 * and a user program compiled in memory by the java launcher runs the same shapes in a JVM of its own.
 */
@Tag("jdk")
@EnabledIfSystemProperty(named = "greenhouse.backend", matches = "jdk")
class NoInstrumentationTest extends HubTestBase {
    private final List<String> log = new ArrayList<>();

    /** An ordinary helper: neither {@code @Suspendable} nor {@code throws SuspendExecution}. */
    private String yielding(String value) {
        try {
            Scheduler.pause();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
        log.add("resumed " + value);
        return value;
    }

    private String yieldingDeep(int depth, String value) {
        return depth == 0 ? yielding(value) : yieldingDeep(depth - 1, value);
    }

    /** Runs {@code shape} in a greenlet beside a ticker that pauses as often; returns the interleaved log. */
    private List<String> alongsideATicker(int ticks, GreenRunnable shape) throws Exception {
        Greenlet g = Scheduler.schedule(shape);
        Greenlet ticker = Scheduler.schedule(() -> {
            for (int i = 0; i < ticks; i++) {
                log.add("tick");
                Scheduler.pause();
            }
        });
        g.join();
        ticker.join();
        return log;
    }

    private static List<String> alternating(String... values) {
        List<String> l = new ArrayList<>();
        for (String v : values) {
            l.add("tick");
            l.add("resumed " + v);
        }
        return l;
    }

    @Test
    void aGreenletSuspendsInsideAListForEachLambda() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> l = alongsideATicker(2, () -> List.of("a", "b").forEach(x -> seen.add(yielding(x))));
        assertEquals(alternating("a", "b"), l);
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void aGreenletSuspendsInsideAStreamPipelineAndASortComparator() throws Exception {
        List<String> out = new ArrayList<>();
        alongsideATicker(5, () -> {
            out.addAll(List.of("c", "a").stream().map(this::yielding).collect(Collectors.toList()));
            List<String> sorted = new ArrayList<>(List.of("z", "y"));
            sorted.sort((x, y) -> yielding(x).compareTo(y));
            out.addAll(sorted);
        });
        assertEquals(List.of("c", "a", "y", "z"), out);
        assertEquals(List.of("tick", "resumed c", "tick", "resumed a", "tick"), log.subList(0, 5));
    }

    @Test
    void aGreenletSuspendsInsideAComputeIfAbsentFunction() throws Exception {
        Map<String, String> m = new HashMap<>();
        List<String> l = alongsideATicker(1, () -> m.computeIfAbsent("k", this::yielding));
        assertEquals(alternating("k"), l);
        assertEquals("k", m.get("k"));
    }

    record Pair(String left, String right) {
    }

    @Test
    void aGreenletSuspendsInsideConstructorArgumentsAndStringConcatenation() throws Exception {
        String[] made = {null, null};
        List<String> l = alongsideATicker(4, () -> {
            made[0] = new Pair(yielding("l"), yielding("r")).toString();
            made[1] = "<" + yielding("x") + "|" + yielding("y") + ">";
        });
        assertEquals(alternating("l", "r", "x", "y"), l);
        assertEquals("Pair[left=l, right=r]", made[0]);
        assertEquals("<x|y>", made[1]);
    }

    @Test
    void aCatchThrowableAroundASuspensionCatchesNothing() throws Exception {
        List<String> l = alongsideATicker(1, () -> {
            try {
                yielding("inside try");
            } catch (Throwable t) {
                log.add("caught " + t);
            }
        });
        assertEquals(alternating("inside try"), l);
    }

    @Test
    void aGreenletSuspendsTwoHundredFramesDeep() throws Exception {
        List<String> l = alongsideATicker(2, () -> {
            yieldingDeep(200, "deep");
            yieldingDeep(200, "again");
        });
        assertEquals(alternating("deep", "again"), l);
    }

    // ------------------------------------------------------------------------------------------------
    // A user program in a JVM of its own

    @Test
    @Timeout(120)
    void aUserProgramRunsWithNoAgentAndNoBuildStep() throws Exception {
        SourceFileProgram.Run run = runUserProgram(true);
        assertEquals("", run.stderr, "the program or the library wrote to stderr");
        assertEquals(0, run.exitCode, run.stdout);
        assertEquals(List.of("tick 0", "forEach a", "tick 1", "forEach b", "tick 2", "tick 3",
                "constructor Pair[left=l, right=r]", "tick 4", "tick 5", "concatenation x-y", "tick 6"),
                run.stdout.lines().collect(Collectors.toList()));
    }

    @Test
    @Timeout(120)
    void withoutTheExportFlagTheFirstHubSaysWhichFlagToAdd() throws Exception {
        SourceFileProgram.Run run = runUserProgram(false);
        assertNotEquals(0, run.exitCode);
        assertTrue(run.stderr.contains("IllegalStateException: -Dgreenhouse.backend=jdk needs the JVM flag "
                + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"), run.stderr);
    }

    /** Runs {@code UserProgram.java} with the export flag or without. */
    private static SourceFileProgram.Run runUserProgram(boolean withExportFlag) throws Exception {
        return SourceFileProgram.run("/no-instrumentation/UserProgram.java", withExportFlag
                ? List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED") : List.of());
    }
}
