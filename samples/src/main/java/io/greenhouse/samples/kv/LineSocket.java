package io.greenhouse.samples.kv;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.GreenSocket;

/**
 * A {@link GreenSocket} that speaks in lines of text, the store's wire format: one request or reply per line.
 *
 * <p>Threading: the hub's thread, one greenlet at a time.
 */
final class LineSocket implements Closeable {
    private final GreenSocket socket;                            // immutable
    private final ByteBuffer in = ByteBuffer.allocate(4096);     // hub thread; bytes read, not yet a whole line

    LineSocket(GreenSocket socket) {
        this.socket = socket;
    }

    /** Connects to {@code host}:{@code port}; gives up after {@code timeout} seconds, as every later read does. */
    static LineSocket connect(String host, int port, double timeout) throws SuspendExecution, IOException {
        GreenSocket s = GreenSocket.connect(new java.net.InetSocketAddress(host, port), timeout);
        s.setTimeout(timeout);
        return new LineSocket(s);
    }

    /** Sends {@code line} and a line feed. */
    void send(String line) throws SuspendExecution, IOException {
        socket.sendAll((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next line, without its line feed; null at the end of the stream. */
    String receive() throws SuspendExecution, IOException {
        for (;;) {
            for (int i = 0; i < in.position(); i++) {
                if (in.get(i) == '\n') {
                    String line = new String(in.array(), 0, i, StandardCharsets.UTF_8);
                    in.flip().position(i + 1);
                    in.compact();
                    return line;
                }
            }
            if (!in.hasRemaining()) {
                throw new IOException("line longer than " + in.capacity() + " bytes");
            }
            if (socket.read(in) < 0) {
                return null;
            }
        }
    }

    /** Sends {@code request} and returns the reply line. */
    String call(String request) throws SuspendExecution, IOException {
        send(request);
        String reply = receive();
        if (reply == null) {
            throw new EOFException("the peer closed the connection before replying to " + request);
        }
        return reply;
    }

    @Override
    public void close() {
        socket.close();
    }
}
