package io.greenhouse.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;

/** Small blocking helpers over real green sockets, as the tests' programs use them. */
final class Sockets {
    private Sockets() {
    }

    /** A listener on {@code port} of the calling greenlet's host (the wildcard address means the host's own). */
    static GreenServerSocket listen(int port) throws IOException {
        return GreenServerSocket.bind(new InetSocketAddress(port), 16);
    }

    /** Exactly {@code n} bytes, or fewer at the end of the stream. */
    static byte[] readFully(GreenSocket s, int n) throws SuspendExecution, IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (s.read(b) < 0) {
                break;
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }
}
