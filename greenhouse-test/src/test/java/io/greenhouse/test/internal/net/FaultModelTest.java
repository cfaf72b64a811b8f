package io.greenhouse.test.internal.net;

import static io.greenhouse.test.internal.net.NetRig.MS;
import static io.greenhouse.test.internal.net.NetRig.readAll;
import static io.greenhouse.test.internal.net.NetRig.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Partitions, one-way partitions, heal, hold and release, for TCP and for datagrams. */
class FaultModelTest {

    private NetRig rig;
    private NetHost a;
    private NetHost b;

    private TcpEndpoint[] connected(NetConfig config) throws Exception {
        rig = new NetRig(config, 11);
        a = rig.net.addHost("a");
        b = rig.net.addHost("b");
        return rig.pair(a, rig.net.listen(b, null, 80, 1));
    }

    @Test
    void segmentsStallAcrossAPartitionAndFlowInOrderAfterTheHeal() throws Exception {
        TcpEndpoint[] p = connected(NetConfig.DEFAULT.withLatency(1 * MS, 20 * MS));
        write(p[0], "before,");           // on the wire when the partition starts
        rig.net.partition(a, b);
        for (int i = 0; i < 20; i++) {
            write(p[0], "during" + i + ",");
        }
        rig.runFor(1000 * MS);
        assertEquals("", readAll(p[1]), "nothing crosses a partition");
        write(p[1], "reply");
        rig.runFor(1000 * MS);
        assertEquals("", readAll(p[0]), "both ways");
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(partitioned)")));

        rig.net.heal();
        write(p[0], "after");
        rig.runUntilIdle();
        StringBuilder expected = new StringBuilder("before,");
        for (int i = 0; i < 20; i++) {
            expected.append("during").append(i).append(',');
        }
        assertEquals(expected.append("after").toString(), readAll(p[1]));
        assertEquals("reply", readAll(p[0]));
    }

    @Test
    void aOneWayPartitionStallsOnlyThatDirection() throws Exception {
        TcpEndpoint[] p = connected(NetConfig.DEFAULT.withLatency(1 * MS, 1 * MS));
        rig.net.partitionOneWay(a, b);
        write(p[0], "a to b");
        write(p[1], "b to a");
        rig.runFor(100 * MS);
        assertEquals("", readAll(p[1]));
        assertEquals("b to a", readAll(p[0]));
        rig.net.heal();
        rig.runUntilIdle();
        assertEquals("a to b", readAll(p[1]));
    }

    @Test
    void aPartitionStallsTheHandshakeToo() throws Exception {
        rig = new NetRig();
        a = rig.net.addHost("a");
        b = rig.net.addHost("b");
        TcpListener l = rig.net.listen(b, null, 80, 1);
        rig.net.partition(a, b);
        TcpEndpoint c = rig.net.connect(a, l.localAddress());
        rig.runUntilIdle();
        assertEquals(false, c.finishConnect());
        assertNull(l.accept());
        rig.net.heal();
        rig.runUntilIdle();
        assertTrue(c.finishConnect());
    }

    @Test
    void heldSegmentsWaitAndThenFlowInOrder() throws Exception {
        TcpEndpoint[] p = connected(NetConfig.DEFAULT.withLatency(1 * MS, 5 * MS));
        rig.net.hold(a, b);
        write(p[0], "1,");
        write(p[0], "2,");
        rig.runFor(500 * MS);
        assertEquals("", readAll(p[1]));
        assertTrue(rig.trace.lines().stream().anyMatch(s -> s.contains("(held)")));
        write(p[0], "3");
        rig.net.release(a, b);
        rig.runUntilIdle();
        assertEquals("1,2,3", readAll(p[1]));
    }

    @Test
    void aStallThatIsFaultedAgainBeforeItsFlushWaitsForTheNextHeal() throws Exception {
        TcpEndpoint[] p = connected(NetConfig.DEFAULT.withLatency(10 * MS, 10 * MS));
        rig.net.partition(a, b);
        write(p[0], "x");
        rig.runFor(50 * MS);
        rig.net.heal();
        rig.net.partition(a, b);   // before the flush, 10 ms later
        rig.runFor(100 * MS);
        assertEquals("", readAll(p[1]));
        rig.net.heal();
        rig.runUntilIdle();
        assertEquals("x", readAll(p[1]));
    }

    @Test
    void faultsNeedTwoDifferentHosts() throws Exception {
        connected(NetConfig.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> rig.net.partition(a, a));
        assertThrows(IllegalArgumentException.class, () -> rig.net.hold(b, b));
    }

    @Test
    void datagramsAcrossAPartitionAreLostAndHeldOnesArriveInOrderAfterTheRelease() throws Exception {
        rig = new NetRig(NetConfig.DEFAULT.withLatency(1 * MS, 1 * MS), 5);
        a = rig.net.addHost("a");
        b = rig.net.addHost("b");
        DatagramPort pa = rig.net.bindDatagram(a, null, 5000);
        DatagramPort pb = rig.net.bindDatagram(b, null, 5000);
        rig.net.partition(a, b);
        send(pa, "lost", pb);
        rig.runUntilIdle();
        rig.net.heal();
        rig.net.hold(a, b);
        send(pa, "one", pb);
        send(pa, "two", pb);
        rig.runFor(100 * MS);
        assertEquals(List.of(), receiveAll(pb));
        rig.net.release(a, b);
        rig.runUntilIdle();
        assertEquals(List.of("one", "two"), receiveAll(pb));
    }

    @Test
    void heldDatagramsAreLostIfAPartitionStartsBeforeTheRelease() throws Exception {
        rig = new NetRig();
        a = rig.net.addHost("a");
        b = rig.net.addHost("b");
        DatagramPort pa = rig.net.bindDatagram(a, null, 5000);
        DatagramPort pb = rig.net.bindDatagram(b, null, 5000);
        rig.net.hold(a, b);
        send(pa, "held", pb);
        rig.runUntilIdle();
        rig.net.partition(a, b);
        rig.net.release(a, b);
        rig.runUntilIdle();
        assertEquals(List.of(), receiveAll(pb));
    }

    static void send(DatagramPort from, String text, DatagramPort to) throws Exception {
        from.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), to.localAddress());
    }

    static List<String> receiveAll(DatagramPort p) throws Exception {
        List<String> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(1500);
        while (p.receive(b) != null) {
            b.flip();
            got.add(StandardCharsets.UTF_8.decode(b).toString());
            b.clear();
        }
        return got;
    }
}
