package io.greenhouse.test.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The event log behind {@link io.greenhouse.test.Trace}: every event's fields, the lines they read as, and a
 * 64-bit hash of every event computed as it is appended.
 *
 * <p>A line is {@code <virtual seconds since the start, 9 decimals> <kind> <host> <greenlet> <detail>}, with
 * {@code -} for a missing host or greenlet. Lines are made from the kept fields only when they are read, so that
 * recording an event (one per greenlet switch) costs a few array stores and the hash, not the formatting.
 *
 * <p>The hash chains, for each event, the virtual nanoseconds since the start and the {@link String#hashCode()}
 * of its kind, host, greenlet and detail (0 for a missing one), each through the SplitMix64 finalizer
 * ({@link Seeds#mix}). {@code String.hashCode} is specified by the JDK, so the hash depends on nothing but the
 * events: the same events give the same hash in every JVM, whether the lines are kept or not. The fields must
 * therefore never contain identity hash codes or anything else that varies by run.
 *
 * <p>Threading: written by the hub's thread; read by it, or by another thread after the run, with a
 * happens-before edge (a thread join).
 */
public final class TraceLog {
    private static final long START = 0x6772656e686f7573L;   // the hash of no events

    private final long startNanos;           // immutable; epoch nanos of virtual time zero
    private final boolean keepLines;         // immutable
    private long[] times = new long[64];     // hub thread; per kept event: nanos since the start
    private String[] fields = new String[256];   // hub thread; per kept event: kind, host, greenlet, detail
    private String[] formatted = new String[64]; // hub thread; lines made so far, by index (null: not yet)
    private int kept;                        // hub thread; events kept
    private long hash = START;               // hub thread; of every event so far
    private long count;                      // hub thread; events appended
    private final Lines lines = new Lines(); // immutable; the read-only view

    /**
     * A log whose times count from {@code startNanos} (epoch nanoseconds); with {@code keepLines} false only
     * the hash and the count are kept.
     *
     * @param startNanos the run's virtual epoch, in epoch nanoseconds
     * @param keepLines whether to keep the lines
     */
    public TraceLog(long startNanos, boolean keepLines) {
        this.startNanos = startNanos;
        this.keepLines = keepLines;
    }

    /**
     * Appends one event at {@code epochNanos}; {@code host}, {@code greenlet} and {@code detail} may be null.
     *
     * @param epochNanos when it happened, in epoch nanoseconds
     * @param kind what happened: {@code "switch"}, {@code "send"}, ...
     * @param host the host concerned, or null
     * @param greenlet the greenlet concerned, or null
     * @param detail the rest, or null
     */
    public void append(long epochNanos, String kind, String host, String greenlet, String detail) {
        long t = epochNanos - startNanos;
        long h = Seeds.mix(hash + t);
        h = Seeds.mix(h + kind.hashCode());
        h = Seeds.mix(h + (host == null ? 0 : host.hashCode()));
        h = Seeds.mix(h + (greenlet == null ? 0 : greenlet.hashCode()));
        hash = Seeds.mix(h + (detail == null ? 0 : detail.hashCode()));
        count++;
        if (keepLines) {
            int i = kept;
            if (i == times.length) {
                times = Arrays.copyOf(times, i * 2);
                fields = Arrays.copyOf(fields, i * 8);
                formatted = Arrays.copyOf(formatted, i * 2);
            }
            times[i] = t;
            int f = i * 4;
            fields[f] = kind;
            fields[f + 1] = host;
            fields[f + 2] = greenlet;
            fields[f + 3] = detail;
            kept = i + 1;
        }
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

    /**
     * The hash of every event appended so far.
     *
     * @return the hash
     */
    public long hash() {
        return hash;
    }

    /**
     * How many events were appended (kept or not).
     *
     * @return the number of events
     */
    public long count() {
        return count;
    }

    /**
     * Whether lines are kept, or only the hash and the count.
     *
     * @return whether lines are kept
     */
    public boolean keepsLines() {
        return keepLines;
    }

    /**
     * The kept lines, in order: a read-only view that grows with the log.
     *
     * @return the lines
     */
    public List<String> lines() {
        return lines;
    }

    private String line(int i) {
        String s = formatted[i];
        if (s == null) {
            StringBuilder sb = new StringBuilder(64);
            appendTime(sb, times[i]);
            int f = i * 4;
            String host = fields[f + 1];
            String greenlet = fields[f + 2];
            String detail = fields[f + 3];
            sb.append(' ').append(fields[f])
                    .append(' ').append(host == null ? "-" : host)
                    .append(' ').append(greenlet == null ? "-" : greenlet);
            if (detail != null && !detail.isEmpty()) {
                sb.append(' ').append(detail);
            }
            s = formatted[i] = sb.toString();
        }
        return s;
    }

    /** The lines, made on first read. */
    private final class Lines extends AbstractList<String> implements RandomAccess {
        @Override
        public String get(int index) {
            if (index < 0 || index >= kept) {
                throw new IndexOutOfBoundsException("line " + index + " of " + kept);
            }
            return line(index);
        }

        @Override
        public int size() {
            return kept;
        }
    }
}
