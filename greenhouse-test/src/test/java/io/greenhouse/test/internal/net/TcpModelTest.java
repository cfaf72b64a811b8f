package io.greenhouse.test.internal.net;

import static io.greenhouse.test.internal.net.NetRig.MS;
import static io.greenhouse.test.internal.net.NetRig.readAll;
import static io.greenhouse.test.internal.net.NetRig.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The TCP model: handshake, order, latency, back-pressure, half-close, resets, short I/O, backlog. */
class TcpModelTest {

    @Test
    void hostsGetLoopbackRangeAddressesAndUniqueNames() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        assertEquals("127.77.0.1", a.address().getHostAddress());
        assertEquals("127.77.0.2", b.address().getHostAddress());
        assertEquals("a", a.address().getHostName(), "the address carries the name: no DNS lookup");
        assertEquals(b.address(), rig.net.resolve("b"));
        assertEquals(b.address(), rig.net.resolve("127.77.0.2"));
        assertNull(rig.net.resolve("c"));
        assertEquals(List.of(a, b), rig.net.hosts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rig.net.addHost("a"));
        assertTrue(e.getMessage().contains("\"a\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rig.net.addHost(" "));
    }

    @Test
    void bytesArriveInOrderAfterTheDrawnLatency() throws Exception {
        NetRig rig = new NetRig(NetConfig.DEFAULT.withLatency(1 * MS, 9 * MS), 7);
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 10);
        TcpEndpoint[] p = rig.pair(a, l);
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String s = i + ",";
            assertEquals(s.length(), write(p[0], s));
            sent.append(s);
        }
        assertEquals("", readAll(p[1]), "nothing arrives before the latency");
        long before = rig.now;
        rig.runUntilIdle();
        assertTrue(rig.now - before >= 1 * MS && rig.now - before <= 9 * MS * 50, "latency: " + (rig.now - before));
        assertEquals(sent.toString(), readAll(p[1]));
    }

    @Test
    void aFixedLatencyDelaysEachSegmentByExactlyThatMuch() throws Exception {
        NetRig rig = new NetRig(NetConfig.DEFAULT.withLatency(5 * MS, 5 * MS), 1);
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 10);
        long t0 = rig.now;
        TcpEndpoint c = rig.net.connect(a, new InetSocketAddress(b.address(), 80));
        assertEquals(t0 + 5 * MS, rig.net.nextEventTime(), "the SYN");
        rig.runUntilIdle();
        assertEquals(t0 + 10 * MS, rig.now, "SYN there, SYN-ACK back");
        assertTrue(c.finishConnect());
        TcpEndpoint s = l.accept();
        write(c, "x");
        assertEquals(rig.now + 5 * MS, rig.net.nextEventTime());
        rig.runUntilIdle();
        assertEquals("x", readAll(s));
    }

    @Test
    void connectingToAPortWithoutListenerIsRefused() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpEndpoint c = rig.watch(rig.net.connect(a, new InetSocketAddress(b.address(), 81)), "c");
        assertFalse(c.finishConnect(), "in progress");
        rig.runUntilIdle();
        assertTrue(rig.wakeups.contains("c:" + (NetObject.READ | NetObject.WRITE)), rig.wakeups.toString());
        ConnectException e = assertThrows(ConnectException.class, c::finishConnect);
        assertTrue(e.getMessage().contains("127.77.0.2:81"), e.getMessage());
    }

    @Test
    void connectingToAnAddressOfNoHostFailsAtOnceSayingSo() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        ConnectException e = assertThrows(ConnectException.class,
                () -> rig.net.connect(a, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)));
        assertTrue(e.getMessage().contains("no simulated host"), e.getMessage());
    }

    @Test
    void connectByHostName() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 1);
        TcpEndpoint c = rig.net.connect(a, InetSocketAddress.createUnresolved("b", 80));
        rig.runUntilIdle();
        assertTrue(c.finishConnect());
        assertEquals(new InetSocketAddress(b.address(), 80), c.remoteAddress());
        TcpEndpoint s = l.accept();
        assertEquals(c.localAddress(), s.remoteAddress());
        assertEquals(49152, c.localAddress().getPort(), "the first ephemeral port");
    }

    @Test
    void aWriterBlocksWhenThePeerDoesNotReadAndResumesOneLatencyAfterItReads() throws Exception {
        NetRig rig = new NetRig(NetConfig.DEFAULT.withLatency(2 * MS, 2 * MS).withBuffers(100, 50, 8), 1);
        TcpEndpoint[] p = pairAToB(rig);
        rig.watch(p[0], "writer");
        ByteBuffer big = ByteBuffer.allocate(1000);
        assertEquals(150, p[0].write(big), "the window: send buffer + receive buffer");
        assertEquals(0, p[0].write(big), "full: would block");
        assertFalse(p[0].isWritable());
        rig.runUntilIdle();
        assertEquals(0, p[0].write(big), "still full: the bytes arrived but nobody read them");
        assertEquals(150, p[1].available());
        ByteBuffer dst = ByteBuffer.allocate(40);
        assertEquals(40, p[1].read(dst));
        assertEquals(0, p[0].write(big), "the window update is on its way");
        long t = rig.now;
        rig.runUntilIdle();
        assertEquals(t + 2 * MS, rig.now);
        assertEquals(List.of("writer:" + NetObject.WRITE), rig.wakeups);
        assertEquals(40, p[0].write(big));
        assertEquals(0, p[0].write(big));
    }

    @Test
    void halfCloseEndsOneDirectionOnly() throws Exception {
        NetRig rig = new NetRig();
        TcpEndpoint[] p = pairAToB(rig);
        write(p[0], "request");
        p[0].shutdownOutput();
        assertThrows(ClosedChannelException.class, () -> write(p[0], "more"));
        rig.runUntilIdle();
        assertEquals("request", readAll(p[1]));
        assertNull(readAll(p[1]), "then the end of the stream");
        write(p[1], "reply");
        p[1].close();
        rig.runUntilIdle();
        assertEquals("reply", readAll(p[0]));
        assertNull(readAll(p[0]));
    }

    @Test
    void shutdownInputMakesReadsEndAndGivesTheSpaceBack() throws Exception {
        NetRig rig = new NetRig(NetConfig.DEFAULT.withBuffers(10, 10, 8), 1);
        TcpEndpoint[] p = pairAToB(rig);
        assertEquals(20, p[0].write(ByteBuffer.allocate(30)));
        rig.runUntilIdle();
        p[1].shutdownInput();
        assertEquals(-1, p[1].read(ByteBuffer.allocate(10)));
        rig.runUntilIdle();
        assertEquals(20, p[0].write(ByteBuffer.allocate(30)), "the dropped bytes freed the window");
        rig.runUntilIdle();
        assertEquals(-1, p[1].read(ByteBuffer.allocate(10)));
    }

    @Test
    void closingWithUnreadDataResetsThePeer() throws Exception {
        NetRig rig = new NetRig();
        TcpEndpoint[] p = pairAToB(rig);
        write(p[0], "unread");
        rig.runUntilIdle();
        p[1].close();
        rig.runUntilIdle();
        SocketException e = assertThrows(SocketException.class, () -> readAll(p[0]));
        assertEquals("Connection reset", e.getMessage());
        assertThrows(SocketException.class, () -> write(p[0], "x"));
        assertThrows(ClosedChannelException.class, () -> readAll(p[1]));
    }

    @Test
    void writingToAClosedPeerGetsAReset() throws Exception {
        NetRig rig = new NetRig();
        TcpEndpoint[] p = pairAToB(rig);
        p[1].close();
        rig.runUntilIdle();
        assertNull(readAll(p[0]), "a clean close: the end of the stream");
        write(p[0], "late");
        rig.runUntilIdle();
        assertThrows(SocketException.class, () -> write(p[0], "later"));
    }

    @Test
    void aCrashedHostIsSilentAndAfterItsRestartAnswersWithResets() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 1);
        TcpEndpoint[] p = rig.pair(a, l);
        rig.watch(p[1], "server");
        rig.net.crash(b);
        assertTrue(b.isCrashed());
        assertTrue(p[1].isVanished());
        assertTrue(l.isVanished());
        rig.runUntilIdle();
        assertEquals(List.of("server:" + (NetObject.READ | NetObject.WRITE)), rig.wakeups, "its waiters wake up");
        SocketException gone = assertThrows(SocketException.class, () -> readAll(p[1]));
        assertTrue(gone.getMessage().contains("crashed"), gone.getMessage());

        write(p[0], "into the void");
        rig.runUntilIdle();
        assertEquals("", readAll(p[0]), "silence, never a clean close");
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(host down)")), rig.trace.lines().toString());

        rig.net.restart(b);
        write(p[0], "hello again");
        rig.runUntilIdle();
        assertThrows(SocketException.class, () -> readAll(p[0]), "the new incarnation resets the old connection");
        assertNotNull(rig.net.listen(b, null, 80, 1), "its ports are free again");
    }

    @Test
    void shortIoMovesAUniformPartOfAtLeastOneByteAndKeepsTheBytes() throws Exception {
        NetRig rig = new NetRig(NetConfig.DEFAULT.withShortIo(true), 3);
        TcpEndpoint[] p = pairAToB(rig);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteBuffer src = ByteBuffer.wrap(data);
        int writes = 0;
        int partial = 0;
        while (src.hasRemaining()) {
            int before = src.remaining();
            int n = p[0].write(src);
            assertTrue(n >= 1 && n <= before, "write moved " + n + " of " + before);
            partial += n < before ? 1 : 0;
            writes++;
        }
        assertTrue(partial > 0 && writes > 1, "some writes were short");
        rig.runUntilIdle();
        ByteBuffer dst = ByteBuffer.allocate(1000);
        int reads = 0;
        while (dst.hasRemaining()) {
            int avail = Math.min(p[1].available(), dst.remaining());
            int n = p[1].read(dst);
            assertTrue(n >= 1 && n <= avail, "read moved " + n + " of " + avail);
            reads++;
        }
        assertTrue(reads > 1);
        assertEquals(ByteBuffer.wrap(data), dst.flip());
    }

    @Test
    void synsBeyondTheBacklogWaitUntilAnAcceptMakesRoom() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 1);
        TcpEndpoint c1 = rig.net.connect(a, l.localAddress());
        TcpEndpoint c2 = rig.net.connect(a, l.localAddress());
        rig.runUntilIdle();
        assertTrue(c1.finishConnect());
        assertFalse(c2.finishConnect(), "waits for room in the backlog");
        assertEquals(c1.localAddress(), l.accept().remoteAddress());
        rig.runUntilIdle();
        assertTrue(c2.finishConnect());
        assertEquals(c2.localAddress(), l.accept().remoteAddress());
        assertNull(l.accept());
    }

    @Test
    void closingAListenerResetsConnectionsItHasNotAccepted() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 1);
        TcpEndpoint c1 = rig.net.connect(a, l.localAddress());
        TcpEndpoint c2 = rig.net.connect(a, l.localAddress());
        rig.runUntilIdle();
        l.close();
        rig.runUntilIdle();
        assertThrows(SocketException.class, () -> readAll(c1));
        assertThrows(ConnectException.class, c2::finishConnect);
        assertThrows(ClosedChannelException.class, l::accept);
        assertNotNull(rig.net.listen(b, null, 80, 1), "the port is free again");
    }

    @Test
    void bindingATakenPortOrAForeignAddressFails() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        rig.net.listen(a, InetAddress.getByName("0.0.0.0"), 80, 1);
        BindException taken = assertThrows(BindException.class, () -> rig.net.listen(a, a.address(), 80, 1));
        assertTrue(taken.getMessage().contains("127.77.0.1:80"), taken.getMessage());
        BindException foreign = assertThrows(BindException.class, () -> rig.net.listen(a, b.address(), 81, 1));
        assertTrue(foreign.getMessage().contains("host a"), foreign.getMessage());
        assertEquals(49152, rig.net.listen(a, null, 0, 1).localAddress().getPort());
        assertNotNull(rig.net.listen(b, null, 80, 1), "ports are per host");
    }

    @Test
    void aCrashedHostCannotOpenSockets() throws Exception {
        NetRig rig = new NetRig();
        NetHost a = rig.net.addHost("a");
        rig.net.crash(a);
        assertThrows(SocketException.class, () -> rig.net.listen(a, null, 80, 1));
        assertThrows(IOException.class, () -> rig.net.bindDatagram(a, null, 80));
    }

    /** Hosts a and b on {@code rig}, and a connection from a to a listener on b:80: {a's end, b's end}. */
    private static TcpEndpoint[] pairAToB(NetRig rig) throws IOException {
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        return rig.pair(a, rig.net.listen(b, null, 80, 1));
    }
}
