package io.greenhouse.test.internal.net;

import static io.greenhouse.test.internal.net.NetRig.MS;
import static io.greenhouse.test.internal.net.NetRig.readAll;
import static io.greenhouse.test.internal.net.NetRig.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The same seed gives the same events; ties drawn from the seed reorder connections, never one connection. */
class NetworkDeterminismTest {

    /** A busy scenario: three hosts, six connections, datagrams, faults and short I/O; returns the rig. */
    static NetRig scenario(long seed, boolean randomTies) throws Exception {
        NetConfig config = NetConfig.DEFAULT.withLatency(0, 3 * MS).withDatagramFaults(0.1, 0.1).withShortIo(true)
                .withRandomTies(randomTies);
        NetRig rig = new NetRig(config, seed);
        NetHost[] hosts = {rig.net.addHost("a"), rig.net.addHost("b"), rig.net.addHost("c")};
        TcpListener l = rig.net.listen(hosts[2], null, 80, 16);
        List<TcpEndpoint[]> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pairs.add(rig.pair(hosts[i % 2], l));
        }
        DatagramPort u = rig.net.bindDatagram(hosts[0], null, 0);
        DatagramPort v = rig.net.bindDatagram(hosts[1], null, 0);
        for (int round = 0; round < 20; round++) {
            for (TcpEndpoint[] p : pairs) {
                write(p[0], "round " + round + " of " + p[0].localAddress().getPort() + ";");
            }
            FaultModelTest.send(u, "d" + round, v);
            if (round == 5) {
                rig.net.partition(hosts[0], hosts[2]);
            }
            if (round == 9) {
                rig.net.heal();
            }
            rig.runFor(1 * MS);
            for (TcpEndpoint[] p : pairs) {
                readAll(p[1]);
            }
            FaultModelTest.receiveAll(v);
        }
        rig.runUntilIdle();
        return rig;
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws Exception {
        NetRig first = scenario(42, true);
        for (int i = 0; i < 5; i++) {
            NetRig again = scenario(42, true);
            assertEquals(first.trace.lines(), again.trace.lines());
            assertEquals(first.trace.hash(), again.trace.hash());
        }
        assertTrue(first.trace.count() > 300, "a busy run: " + first.trace.count());
    }

    @Test
    void differentSeedsGiveDifferentTraces() throws Exception {
        assertNotEquals(scenario(1, false).trace.hash(), scenario(2, false).trace.hash());
    }

    @Test
    void randomTiesPermuteSameInstantArrivalsAcrossConnectionsButNotWithinOne() throws Exception {
        int reordered = 0;
        for (long seed = 1; seed <= 10; seed++) {
            NetRig rig = new NetRig(NetConfig.DEFAULT.withRandomTies(true), seed);
            NetHost a = rig.net.addHost("a");
            NetHost b = rig.net.addHost("b");
            TcpListener l = rig.net.listen(b, null, 80, 8);
            TcpEndpoint[] p1 = rig.pair(a, l);
            TcpEndpoint[] p2 = rig.pair(a, l);
            for (int i = 0; i < 5; i++) {
                write(p1[0], "x" + i);
                write(p2[0], "y" + i);
            }
            rig.runUntilIdle();
            assertEquals("x0x1x2x3x4", readAll(p1[1]), "order within a connection");
            assertEquals("y0y1y2y3y4", readAll(p2[1]));
            List<String> delivered = new ArrayList<>();
            for (String line : rig.trace.lines()) {
                if (line.contains(" deliver ") && line.contains(" data ")) {
                    delivered.add(line.substring(line.indexOf("tcp#")));
                }
            }
            boolean alternating = true;
            for (int i = 0; i < delivered.size(); i++) {
                alternating &= delivered.get(i).startsWith(i % 2 == 0 ? "tcp#1 " : "tcp#2 ");
            }
            reordered += alternating ? 0 : 1;
        }
        assertTrue(reordered > 0, "the sending order, alternating, is not the only one");
    }
}
