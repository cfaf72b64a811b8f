package io.greenhouse.test.internal.net;

import static io.greenhouse.test.internal.net.FaultModelTest.receiveAll;
import static io.greenhouse.test.internal.net.FaultModelTest.send;
import static io.greenhouse.test.internal.net.NetRig.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Datagrams: delivery, seeded loss, duplication and reordering, and the ways they are dropped. */
class DatagramModelTest {

    private NetRig rig;
    private DatagramPort pa;
    private DatagramPort pb;

    private void ports(NetConfig config, long seed) throws Exception {
        rig = new NetRig(config, seed);
        NetHost a = rig.net.addHost("a");
        NetHost b = rig.net.addHost("b");
        pa = rig.net.bindDatagram(a, null, 5000);
        pb = rig.watch(rig.net.bindDatagram(b, null, 0), "pb");
    }

    private List<String> sendNumbers(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            send(pa, Integer.toString(i), pb);
        }
        rig.runUntilIdle();
        return receiveAll(pb);
    }

    @Test
    void aDatagramArrivesWholeWithItsSender() throws Exception {
        ports(NetConfig.DEFAULT.withLatency(3 * MS, 3 * MS), 1);
        send(pa, "hello", pb);
        assertEquals(rig.now + 3 * MS, rig.net.nextEventTime());
        rig.runUntilIdle();
        assertEquals(List.of("pb:" + NetObject.READ), rig.wakeups);
        ByteBuffer small = ByteBuffer.allocate(3);
        InetSocketAddress from = pb.receive(small);
        assertEquals(pa.localAddress(), from);
        assertEquals(3, small.position(), "what does not fit is lost");
        assertNull(pb.receive(small));
    }

    @Test
    void lossDropsAboutTheConfiguredShare() throws Exception {
        ports(NetConfig.DEFAULT.withDatagramFaults(0.3, 0), 2);
        int got = 0;
        for (int round = 0; round < 20; round++) {
            got += sendNumbers(50).size();
        }
        assertTrue(got > 600 && got < 800, "got " + got + " of 1000 with 30% loss");
    }

    @Test
    void duplicationDeliversSomeDatagramsTwice() throws Exception {
        ports(NetConfig.DEFAULT.withDatagramFaults(0, 0.5).withBuffers(10, 10, 1000), 3);
        List<String> got = sendNumbers(200);
        Set<String> distinct = new HashSet<>(got);
        assertEquals(200, distinct.size(), "none lost");
        assertTrue(got.size() > 250 && got.size() < 350, "duplicates: " + (got.size() - 200));
    }

    @Test
    void jitterReordersDatagrams() throws Exception {
        ports(NetConfig.DEFAULT.withLatency(1 * MS, 50 * MS).withBuffers(10, 10, 1000), 4);
        List<String> got = sendNumbers(50);
        assertEquals(50, got.size());
        List<String> sorted = new ArrayList<>(got);
        sorted.sort((x, y) -> Integer.parseInt(x) - Integer.parseInt(y));
        assertNotEquals(sorted, got, "independent latencies let datagrams overtake each other");
    }

    @Test
    void aFullReceiveQueueDropsTheRest() throws Exception {
        ports(NetConfig.DEFAULT.withBuffers(10, 10, 4), 5);
        assertEquals(List.of("0", "1", "2", "3"), sendNumbers(10));
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(receive queue full)")));
    }

    @Test
    void datagramsToAnUnboundPortOrACrashedHostAreDropped() throws Exception {
        ports(NetConfig.DEFAULT, 6);
        pa.send(ByteBuffer.allocate(1), new InetSocketAddress(pb.localAddress().getAddress(), 9));
        rig.runUntilIdle();
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(port unreachable)")));
        send(pa, "x", pb);
        rig.net.crash(pb.host());
        rig.runUntilIdle();
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(host down)")));
        assertThrows(java.net.SocketException.class, () -> pb.receive(ByteBuffer.allocate(1)));
    }

    @Test
    void aClosedPortFreesItsNumberAndRefusesUse() throws Exception {
        ports(NetConfig.DEFAULT, 7);
        pa.close();
        assertThrows(ClosedChannelException.class, () -> send(pa, "x", pb));
        assertEquals(5000, rig.net.bindDatagram(pa.host(), null, 5000).localAddress().getPort());
    }
}
