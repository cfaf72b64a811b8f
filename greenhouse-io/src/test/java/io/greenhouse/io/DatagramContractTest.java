package io.greenhouse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** UDP sockets on every I/O poller. */
abstract class DatagramContractTest extends IoTestBase {
    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void receiveBlocksUntilADatagramArrives() throws Exception {
        try (GreenDatagramSocket a = GreenDatagramSocket.bind(loopback());
             GreenDatagramSocket b = GreenDatagramSocket.bind(loopback())) {
            ByteBuffer buf = ByteBuffer.allocate(100);
            SocketAddress[] from = new SocketAddress[1];
            Greenlet g = Scheduler.schedule(() -> from[0] = b.receive(buf));
            Scheduler.pause();
            assertFalse(g.isDead());
            a.send(ByteBuffer.wrap("datagram".getBytes(US_ASCII)), b.localAddress());
            g.join();
            assertEquals(a.localAddress(), from[0]);
            buf.flip();
            assertEquals("datagram", US_ASCII.decode(buf).toString());
        }
    }

    @Test
    void directBuffersWork() throws Exception {
        try (GreenDatagramSocket a = GreenDatagramSocket.bind(loopback());
             GreenDatagramSocket b = GreenDatagramSocket.bind(loopback())) {
            ByteBuffer out = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();
            a.send(out, b.localAddress());
            ByteBuffer in = ByteBuffer.allocateDirect(10);
            b.receive(in);
            assertEquals(3, in.position());
            assertEquals(9, in.get(2));
        }
    }

    @Test
    void receiveTimesOutAndCloseIsFinal() throws Exception {
        GreenDatagramSocket a = GreenDatagramSocket.bind(loopback());
        a.setTimeout(0.02);
        assertThrows(SocketTimeoutException.class, () -> a.receive(ByteBuffer.allocate(1)));
        a.close();
        assertThrows(ClosedChannelException.class, () -> a.receive(ByteBuffer.allocate(1)));
    }
}
