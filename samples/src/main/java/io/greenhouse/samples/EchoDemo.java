package io.greenhouse.samples;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;

/**
 * A green echo server and a thousand green clients on one thread: each client greenlet connects, sends
 * messages and checks every echoed byte, in plain blocking style.
 *
 * <p>Run with {@code mvn -B -q -pl samples -am verify -DskipTests -Pdemo -Dsample=io.greenhouse.samples.EchoDemo}.
 */
public final class EchoDemo {
    private static final int CLIENTS = 1000;
    private static final int MESSAGES = 20;
    private static final int SIZE = 64;

    private EchoDemo() {
    }

    public static void main(String[] args) throws Exception {
        Hub.run(() -> {
            GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
            System.out.println("echo server on " + server.localAddress() + ", poller: " + Hub.current().pollerName());
            Greenlet acceptor = Scheduler.schedule(() -> serve(server));
            long start = System.nanoTime();
            List<Greenlet> clients = new ArrayList<>(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                clients.add(Scheduler.schedule(() -> client(server, id)));
            }
            for (Greenlet c : clients) {
                c.joinOrThrow();   // a client that found a wrong byte fails the demo
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d clients x %d messages of %d bytes echoed and checked in %.2f s (%,.0f messages/s), "
                    + "one thread%n", CLIENTS, MESSAGES, SIZE, seconds, CLIENTS * MESSAGES / seconds);
            server.close();        // the acceptor's accept() throws AsynchronousCloseException
            acceptor.joinOrThrow();
        });
        Hub.current().close();
    }

    private static void serve(GreenServerSocket server) throws SuspendExecution, java.io.IOException {
        try {
            for (;;) {
                GreenSocket connection = server.accept();
                Scheduler.schedule(() -> echo(connection));
            }
        } catch (ClosedChannelException closed) {
            // the listener was closed (AsynchronousCloseException, a ClosedChannelException): the demo is over
        }
    }

    private static void echo(GreenSocket connection) throws SuspendExecution, java.io.IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        try (connection) {
            while (connection.read(buf) > 0) {
                buf.flip();
                connection.writeFully(buf);
                buf.clear();
            }
        }
    }

    private static void client(GreenServerSocket server, int id) throws SuspendExecution, java.io.IOException {
        byte[] message = new byte[SIZE];
        Arrays.fill(message, (byte) id);
        try (GreenSocket socket = GreenSocket.connect(server.localAddress())) {
            ByteBuffer in = ByteBuffer.allocate(SIZE);
            for (int m = 0; m < MESSAGES; m++) {
                socket.sendAll(message);
                in.clear();
                while (in.hasRemaining()) {
                    if (socket.read(in) < 0) {
                        throw new java.io.EOFException("server closed early");
                    }
                }
                if (!Arrays.equals(in.array(), message)) {
                    throw new IllegalStateException("corrupted echo");
                }
            }
        }
    }
}
