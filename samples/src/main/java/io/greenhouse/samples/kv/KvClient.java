package io.greenhouse.samples.kv;

import java.io.Closeable;
import java.io.IOException;

import co.paralleluniverse.fibers.SuspendExecution;

/**
 * A client of the replicated store: {@link #put} and {@link #get} over one connection to a primary or, after a
 * failover, to the backup. Every call gives up after the connection's timeout with an {@link IOException}
 * ({@link java.net.SocketTimeoutException}), which is how a client notices a server that crashed in silence.
 *
 * <p>Threading: the hub's thread, one greenlet at a time.
 */
public final class KvClient implements Closeable {
    private final LineSocket conn;   // immutable

    private KvClient(LineSocket conn) {
        this.conn = conn;
    }

    /** Connects to {@code host}:{@code port}; each later call waits at most {@code timeout} seconds. */
    public static KvClient connect(String host, int port, double timeout) throws SuspendExecution, IOException {
        return new KvClient(LineSocket.connect(host, port, timeout));
    }

    /** Writes {@code value} under {@code key}; returns once the server acknowledged it. */
    public void put(String key, String value) throws SuspendExecution, IOException {
        String reply = conn.call("PUT " + key + " " + value);
        if (!reply.equals("OK")) {
            throw new IOException("PUT " + key + " refused: " + reply);
        }
    }

    /** The value under {@code key}, or null if there is none. */
    public String get(String key) throws SuspendExecution, IOException {
        String reply = conn.call("GET " + key);
        return reply.startsWith("VALUE ") ? reply.substring(6) : null;
    }

    /** Asks the server to shut down ({@link Backup} understands it). */
    public void stopServer() throws SuspendExecution, IOException {
        conn.call("STOP");
    }

    @Override
    public void close() {
        conn.close();
    }
}
