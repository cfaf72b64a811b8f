package io.greenhouse.samples.kv;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;

/**
 * The backup of the replicated store: it applies what the primary replicates ({@code REPL k v}, answered
 * {@code ACK}), and after a failover serves reads ({@code GET k}, answered {@code VALUE v} or {@code NONE}).
 * {@code STOP} shuts it down.
 *
 * <p>Threading: the hub's thread; {@link #serve()} runs as a greenlet.
 */
public final class Backup {
    private final int port;                                  // immutable
    private final Map<String, String> data = new HashMap<>(); // hub thread; the replicated state
    private final List<Greenlet> sessions = new ArrayList<>(); // hub thread; one greenlet per connection
    private GreenServerSocket listener;                      // hub thread; open while serving

    /** A backup that will listen on {@code port}. */
    public Backup(int port) {
        this.port = port;
    }

    /** Serves connections until a {@code STOP}; then ends every session. */
    public void serve() throws SuspendExecution, IOException {
        listener = GreenServerSocket.bind(new InetSocketAddress(port), 16);
        try {
            for (;;) {
                GreenSocket s = listener.accept();
                sessions.add(Scheduler.schedule(() -> session(new LineSocket(s))));
            }
        } catch (java.nio.channels.AsynchronousCloseException stopped) {
            // STOP closed the listener.
        } finally {
            for (Greenlet g : sessions) {
                Scheduler.end(g);
            }
            for (Greenlet g : sessions) {
                g.join();
            }
        }
    }

    private void session(LineSocket conn) throws SuspendExecution, IOException {
        try (conn) {
            String line;
            while ((line = conn.receive()) != null) {
                String[] w = line.split(" ", 3);
                switch (w[0]) {
                    case "REPL":
                        data.put(w[1], w[2]);
                        conn.send("ACK");
                        break;
                    case "GET":
                        String v = data.get(w[1]);
                        conn.send(v == null ? "NONE" : "VALUE " + v);
                        break;
                    case "STOP":
                        conn.send("BYE");
                        listener.close();
                        return;
                    default:
                        conn.send("ERROR unknown request: " + line);
                }
            }
        }
    }
}
