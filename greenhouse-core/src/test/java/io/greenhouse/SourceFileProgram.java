package io.greenhouse;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A test resource that is a whole Java program, run the way a user runs a one-file program: {@code java
 * Program.java} with this JVM's {@code java} (source-file mode: compiled in memory, no build step, no agent),
 * on a class path of greenhouse-core and greenhouse-quasar only, on the JDK backend.
 */
public final class SourceFileProgram {
    /** What the program did: its exit code and everything it wrote. */
    public static final class Run {
        /** The process's exit code. */
        public final int exitCode;
        /** Its standard output. */
        public final String stdout;
        /** Its standard error. */
        public final String stderr;

        Run(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    private SourceFileProgram() {
    }

    /**
     * Runs the test resource {@code resource} with {@code -Dgreenhouse.backend=jdk} and {@code flags}; fails if it
     * does not end within 100 seconds.
     */
    public static Run run(String resource, List<String> flags) throws IOException, InterruptedException,
            URISyntaxException {
        Path source = Path.of(SourceFileProgram.class.getResource(resource).toURI());
        String classPath = String.join(File.pathSeparator, locationOf(Scheduler.class),
                locationOf(SuspendExecution.class));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dgreenhouse.backend=jdk"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, source.toString()));
        Path out = Files.createTempFile("program", ".out");
        Path err = Files.createTempFile("program", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(100, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the program did not end: " + command);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
