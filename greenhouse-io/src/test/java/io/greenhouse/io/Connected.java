package io.greenhouse.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** A listener and a connected client/handler pair made the way greenhouse's tests make them. */
final class Connected implements AutoCloseable {
    final GreenServerSocket server;
    final GreenSocket client;
    final GreenSocket handler;

    private Connected(GreenServerSocket server, GreenSocket client, GreenSocket handler) {
        this.server = server;
        this.client = client;
        this.handler = handler;
    }

    /** Binds a listener on a free loopback port, connects a client from a greenlet, accepts it. */
    static Connected open() throws SuspendExecution, IOException, InterruptedException {
        GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        GreenSocket[] client = new GreenSocket[1];
        Greenlet g = Scheduler.schedule(() -> client[0] = GreenSocket.connect(server.localAddress()));
        GreenSocket handler = server.accept();
        g.join();
        if (g.failure() != null) {
            throw new AssertionError("connect failed", g.failure());
        }
        return new Connected(server, client[0], handler);
    }

    /**
     * Fills the accept queue of {@code full} (bound with a backlog of 1, never accepting), so that the kernel drops
     * the next connection's handshake and its connect stays in progress: a connect that does not complete, on the
     * loopback interface. Returns the connections that filled it, for the caller to close.
     */
    static List<GreenSocket> fillAcceptQueue(GreenServerSocket full) throws SuspendExecution, IOException {
        List<GreenSocket> fillers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try {
                fillers.add(GreenSocket.connect(full.localAddress(), 0.2));
            } catch (SocketTimeoutException queueFull) {
                return fillers;
            }
        }
        throw new AssertionError("the accept queue of " + full + " never filled up");
    }

    static int port(GreenServerSocket s) throws IOException {
        return ((InetSocketAddress) s.localAddress()).getPort();
    }

    @Override
    public void close() {
        client.close();
        handler.close();
        server.close();
    }
}
