package io.greenhouse.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A greenlet program starts no thread that keeps the JVM alive, and Quasar prints nothing: run as a user runs
 * it, in a JVM of its own, with the agent or (in the build-time run of this module) without it, with
 * assertions and {@code verifyInstrumentation} on, which used to print two {@code QUASAR WARNING} lines.
 */
@Tag("quasar")
@Timeout(120)
class QuietRunTest {
    private static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    @TempDir
    Path output;

    /** The program's exit status, standard output and standard error. */
    private record Run(int status, String out, String err) {
    }

    private Run runProgram(boolean withOpens) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (InstrumentationMode.isAgent()) {
            command.add("-javaagent:" + InstrumentationMode.agentJar());
        }
        if (withOpens) {
            command.add(OPENS);
        }
        command.add("-ea");
        command.add("-Dco.paralleluniverse.fibers.verifyInstrumentation=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QuietProgram.class.getName());
        Path out = output.resolve("out.txt");
        Path err = output.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the program did not end within 60 s: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void programLeavesNoNonDaemonThreadAndQuasarPrintsNothing() throws Exception {
        Run run = runProgram(true);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("echoed 3 bytes"), run.out());
        assertTrue(run.out().contains("non-daemon threads: []"), run.out());
        assertFalse(run.err().contains("QUASAR"), run.err());
        assertFalse(run.err().contains("[quasar]"), run.err());
    }

    @Test
    void missingAddOpensIsReportedWithTheFlagToAdd() throws Exception {
        Run run = runProgram(false);
        assertNotEquals(0, run.status());
        assertTrue(run.err().contains("--add-opens java.base/java.lang=ALL-UNNAMED"), run.err());
    }
}
