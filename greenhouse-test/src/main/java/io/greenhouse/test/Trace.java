package io.greenhouse.test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.greenhouse.test.internal.TraceLog;

/**
 * Every event of a simulation's run, in order: greenlet switches, message sends, deliveries and drops,
 * faults, and the clock's moves to timers and deliveries.
 *
 * <p>Each event is one line: virtual seconds since the simulation's start (nine decimals), the kind of event,
 * the host, the greenlet, and details, with {@code -} where there is no host or greenlet:
 * <pre>
 * 0.000000000 switch client client:main
 * 0.000000000 send client client:main tcp#1 127.77.0.2:49152&gt;127.77.0.1:80 syn
 * 0.003000000 deliver server - tcp#1 127.77.0.2:49152&gt;127.77.0.1:80 syn
 * </pre>
 * {@link #hash()} is a 64-bit hash of every event (its virtual time, kind, host, greenlet and detail), computed
 * as the events are recorded, that depends on nothing but them: the same seed gives the same hash in the same
 * JVM and in every other run of the same program, whether the lines are kept or not. Comparing hashes is how determinism is checked; comparing {@link #lines()} finds the first event
 * where two runs part.
 * <pre>{@code
 * sim.run();
 * long h = sim.trace().hash();
 * sim.trace().writeTo(Path.of("target", "run.trace"));
 * }</pre>
 *
 * <p>Threading: the trace grows on the simulation's thread during a run; read it there, or from another
 * thread after the run has ended.
 */
public final class Trace {
    private final TraceLog log;   // immutable reference; the log grows during the run

    Trace(TraceLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The lines so far, in order: a read-only view (empty if the simulation was told not to keep them).
     *
     * @return the lines, read-only
     */
    public List<String> lines() {
        return log.lines();
    }

    /**
     * The 64-bit hash of every line so far; the same seed gives the same hash in every JVM run.
     *
     * @return the hash of the lines
     */
    public long hash() {
        return log.hash();
    }

    /**
     * How many events were recorded so far (also when the lines are not kept).
     *
     * @return the number of events
     */
    public long size() {
        return log.count();
    }

    /**
     * Writes the trace to {@code file} as UTF-8 text, one event a line, after a header line with the hash and
     * the count, creating missing parent directories and replacing the file if it exists.
     *
     * @param file the file to write
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# greenhouse trace: " + log.count() + " events, hash 0x" + Long.toHexString(log.hash()));
            w.newLine();
            if (!log.keepsLines()) {
                w.write("# lines were not kept (Simulation.Builder.keepTraceLines(false))");
                w.newLine();
            }
            for (String line : log.lines()) {
                w.write(line);
                w.newLine();
            }
        }
    }

    /** The log itself, for the simulation and the JUnit extension. */
    TraceLog log() {
        return log;
    }

    @Override
    public String toString() {
        return "Trace[" + log.count() + " events, hash 0x" + Long.toHexString(log.hash()) + "]";
    }
}
