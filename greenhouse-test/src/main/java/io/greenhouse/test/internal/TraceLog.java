package io.greenhouse.test.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The event log behind {@link io.greenhouse.test.Trace}: one line per event, and a 64-bit hash of every
 * event computed as it is appended.
 *
 * <p>A line is {@code <virtual seconds since the start, 9 decimals> <kind> <host> <greenlet> <detail>}, with
 * {@code -} for a missing host or greenlet. The hash is FNV-1a over each event's fields: the virtual nanoseconds
 * since the start (eight bytes, most significant first), then the UTF-16 code units of the kind, host, greenlet
 * and detail, each followed by a line feed (a missing one is empty). It depends on nothing but the events, so
 * the same events give the same hash in every JVM, whether the lines are kept or not (a log that keeps only the
 * hash never formats a line). The text must therefore never contain identity hash codes or anything else that
 * varies by run.
 *
 * <p>Threading: written by the hub's thread; read by it, or by another thread after the run, with a
 * happens-before edge (a thread join).
 */
public final class TraceLog {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long startNanos;                        // immutable; epoch nanos of virtual time zero
    private final boolean keepLines;                      // immutable
    private final List<String> lines = new ArrayList<>(); // hub thread; empty unless keepLines
    private final StringBuilder line = new StringBuilder(128);   // hub thread; scratch for one line
    private long hash = FNV_OFFSET;                       // hub thread; FNV-1a of every event so far
    private long count;                                   // hub thread; events appended

    /**
     * A log whose times count from {@code startNanos} (epoch nanoseconds); with {@code keepLines} false only
     * the hash and the count are kept.
     */
    public TraceLog(long startNanos, boolean keepLines) {
        this.startNanos = startNanos;
        this.keepLines = keepLines;
    }

    /** Appends one event at {@code epochNanos}; {@code host}, {@code greenlet} and {@code detail} may be null. */
    public void append(long epochNanos, String kind, String host, String greenlet, String detail) {
        long t = epochNanos - startNanos;
        long h = hash;
        for (int shift = 56; shift >= 0; shift -= 8) {
            h = (h ^ ((t >>> shift) & 0xff)) * FNV_PRIME;
        }
        h = field(field(field(field(h, kind), host), greenlet), detail);
        hash = h;
        count++;
        if (keepLines) {
            StringBuilder sb = line;
            sb.setLength(0);
            appendTime(sb, t);
            sb.append(' ').append(kind)
                    .append(' ').append(host == null ? "-" : host)
                    .append(' ').append(greenlet == null ? "-" : greenlet);
            if (detail != null && !detail.isEmpty()) {
                sb.append(' ').append(detail);
            }
            lines.add(sb.toString());
        }
    }

    private static long field(long h, String s) {
        if (s != null) {
            for (int i = 0, n = s.length(); i < n; i++) {
                h = (h ^ s.charAt(i)) * FNV_PRIME;
            }
        }
        return (h ^ '\n') * FNV_PRIME;
    }

    /** {@code nanos} as seconds with nine decimals, such as {@code 3600.000000250}; negative with a sign. */
    static void appendTime(StringBuilder sb, long nanos) {
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        sb.append(nanos / 1_000_000_000L).append('.');
        String frac = Long.toString(nanos % 1_000_000_000L);
        for (int i = frac.length(); i < 9; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /** The hash of every line appended so far. */
    public long hash() {
        return hash;
    }

    /** How many lines were appended (kept or not). */
    public long count() {
        return count;
    }

    /** Whether lines are kept, or only the hash and the count. */
    public boolean keepsLines() {
        return keepLines;
    }

    /** The kept lines, in order: a read-only view. */
    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }
}
