package io.greenhouse.samples.kv;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.util.Lock;

/**
 * The primary of a primary/backup key-value store: clients {@code PUT k v} (answered {@code OK}) and
 * {@code GET k}; every write is replicated to the backup over one connection ({@code REPL k v}, answered
 * {@code ACK}), so that the backup can take over when the primary fails.
 *
 * <p>When it acknowledges a write is the {@link Durability}: {@link Durability#REPLICATE_THEN_ACK} answers only
 * once the backup has the write; {@link Durability#ACK_THEN_REPLICATE} answers at once and streams the writes
 * to the backup in batches, every {@link #BATCH_SECONDS} (group commit: fewer, larger messages, and no client
 * waits for the backup). That is the planted bug: a write acknowledged in the last millisecond or two before a
 * crash of the primary never leaves it, and the client that was told {@code OK} finds it missing on the
 * backup. Only some crash timings expose it.
 *
 * <p>Threading: the hub's thread; {@link #serve()} runs as a greenlet.
 */
public final class Primary {
    /** When a write is acknowledged. */
    public enum Durability {
        /** Replicate, wait for the backup's ACK, then answer OK: no acknowledged write is ever lost. */
        REPLICATE_THEN_ACK,
        /** Answer OK at once, replicate in a batch soon after: faster, and wrong (the planted bug). */
        ACK_THEN_REPLICATE
    }

    /** How long a write waits for its batch with {@link Durability#ACK_THEN_REPLICATE}. */
    public static final double BATCH_SECONDS = 0.002;

    private final int port;                                   // immutable
    private final String backupHost;                          // immutable
    private final Durability durability;                      // immutable
    private final Map<String, String> data = new HashMap<>();  // hub thread; the state
    private final List<String> batch = new ArrayList<>();      // hub thread; writes not yet replicated
    private final Lock replication = new Lock();              // one exchange at a time on the backup link
    private LineSocket backup;                                // hub thread; the replication link

    /** A primary that will listen on {@code port} and replicate to {@code backupHost} on the same port. */
    public Primary(int port, String backupHost, Durability durability) {
        this.port = port;
        this.backupHost = backupHost;
        this.durability = durability;
    }

    /** Connects to the backup and serves clients, one greenlet per connection, until the primary is crashed. */
    public void serve() throws SuspendExecution, IOException {
        backup = LineSocket.connect(backupHost, port, 1.0);
        if (durability == Durability.ACK_THEN_REPLICATE) {
            Scheduler.schedule(this::streamBatches);
            Scheduler.schedule(this::drainAcks);
        }
        GreenServerSocket listener = GreenServerSocket.bind(new InetSocketAddress(port), 16);
        for (;;) {
            GreenSocket s = listener.accept();
            Scheduler.schedule(() -> session(new LineSocket(s)));
        }
    }

    private void session(LineSocket conn) throws SuspendExecution, IOException {
        try (conn) {
            String line;
            while ((line = conn.receive()) != null) {
                String[] w = line.split(" ", 3);
                if (w[0].equals("PUT")) {
                    data.put(w[1], w[2]);
                    if (durability == Durability.REPLICATE_THEN_ACK) {
                        replicate(line);
                    } else {
                        batch.add(line);
                    }
                    conn.send("OK");
                } else if (w[0].equals("GET")) {
                    String v = data.get(w[1]);
                    conn.send(v == null ? "NONE" : "VALUE " + v);
                } else {
                    conn.send("ERROR unknown request: " + line);
                }
            }
        }
    }

    /** Sends each batch of writes to the backup without waiting for it: its ACKs are drained elsewhere. */
    private void streamBatches() throws SuspendExecution, IOException {
        for (;;) {
            Scheduler.pauseFor(BATCH_SECONDS);
            for (String w : batch) {
                backup.send("REPL" + w.substring(3));
            }
            batch.clear();
        }
    }

    private void drainAcks() throws SuspendExecution, IOException {
        while (backup.receive() != null) {
            // each ACK confirms one streamed write; nobody waits for them
        }
    }

    /** Sends {@code write} to the backup and waits for its ACK. */
    private void replicate(String write) throws SuspendExecution, IOException {
        try (Lock.Held held = replication.acquired()) {
            backup.send("REPL" + write.substring(3));
            String ack = backup.receive();
            if (!"ACK".equals(ack)) {
                throw new IOException("the backup answered " + ack + " to " + write);
            }
        }
    }
}
