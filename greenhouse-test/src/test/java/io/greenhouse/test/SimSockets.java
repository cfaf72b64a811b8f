package io.greenhouse.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.net.NetObject;
import io.greenhouse.test.internal.net.Readiness;
import io.greenhouse.test.internal.net.TcpEndpoint;
import io.greenhouse.test.internal.net.TcpListener;

/**
 * Greenlet-blocking calls on the simulated network's endpoints, for tests of the simulation before green
 * sockets run on it: a greenlet that would block parks, and the endpoint's readiness unparks it.
 */
final class SimSockets {
    private SimSockets() {
    }

    /** Unparks the greenlet waiting on one endpoint. */
    private static final class Waiter implements Readiness {
        Greenlet waiting;

        @Override
        public void ready(int ops) {
            Greenlet g = waiting;
            if (g != null) {
                GreenLockSupport.unpark(g);
            }
        }
    }

    private static Waiter waiter(NetObject o) {
        Waiter w = new Waiter();
        o.setListener(w);
        return w;
    }

    private static void await(Waiter w, Object blocker) throws SuspendExecution {
        w.waiting = GreenLockSupport.current();
        try {
            GreenLockSupport.park(blocker);
        } finally {
            w.waiting = null;
        }
    }

    /** A connected endpoint with its waiter. */
    static final class Conn {
        final TcpEndpoint endpoint;
        private final Waiter waiter;

        Conn(TcpEndpoint endpoint) {
            this.endpoint = endpoint;
            this.waiter = waiter(endpoint);
        }

        void writeAll(byte[] data) throws SuspendExecution, IOException {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                if (endpoint.write(b) == 0) {
                    await(waiter, endpoint);
                }
            }
        }

        /** Up to {@code max} bytes, at least one; empty at the end of the stream. */
        byte[] read(int max) throws SuspendExecution, IOException {
            ByteBuffer b = ByteBuffer.allocate(max);
            for (;;) {
                int n = endpoint.read(b);
                if (n > 0) {
                    return Arrays.copyOf(b.array(), n);
                }
                if (n < 0) {
                    return new byte[0];
                }
                await(waiter, endpoint);
            }
        }

        /** Exactly {@code n} bytes, or fewer at the end of the stream. */
        byte[] readFully(int n) throws SuspendExecution, IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                byte[] got = read(b.remaining());
                if (got.length == 0) {
                    break;
                }
                b.put(got);
            }
            return Arrays.copyOf(b.array(), b.position());
        }

        void close() {
            endpoint.close();
        }
    }

    /** A listener with its waiter. */
    static final class Listener {
        final TcpListener listener;
        private final Waiter waiter;

        Listener(TcpListener listener) {
            this.listener = listener;
            this.waiter = waiter(listener);
        }

        Conn accept() throws SuspendExecution, IOException {
            for (;;) {
                TcpEndpoint e = listener.accept();
                if (e != null) {
                    Conn c = new Conn(e);
                    return c;
                }
                await(waiter, listener);
            }
        }

        void close() {
            listener.close();
        }
    }

    static Listener listen(Simulation sim, SimHost host, int port) throws IOException {
        return new Listener(sim.network().listen(host.net, null, port, 16));
    }

    static Conn connect(Simulation sim, SimHost from, SimHost to, int port) throws SuspendExecution, IOException {
        TcpEndpoint e = sim.network().connect(from.net, new InetSocketAddress(to.address(), port));
        Conn c = new Conn(e);
        while (!c.endpoint.finishConnect()) {
            await(c.waiter, c.endpoint);
        }
        return c;
    }
}
