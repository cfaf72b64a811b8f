package io.greenhouse.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

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
