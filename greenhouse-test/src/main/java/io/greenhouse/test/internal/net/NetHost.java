package io.greenhouse.test.internal.net;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.TreeMap;

/**
 * A simulated machine: a name, a loopback-range address ({@code 127.77.x.y}), and its TCP and UDP port
 * tables. A crash makes every socket of the host vanish and starts a new incarnation.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class NetHost {
    /** The first port handed out for port 0 (the IANA dynamic range). */
    static final int FIRST_EPHEMERAL = 49152;

    final int index;                 // immutable; 1-based, in the order hosts were made
    final String name;               // immutable
    final InetAddress address;       // immutable
    final String addressText;        // immutable; "127.77.0.1"
    int incarnation;                 // owner thread; bumped by each crash
    boolean crashed;                 // owner thread
    final TreeMap<Integer, NetObject> tcpPorts = new TreeMap<>();   // owner thread; listeners and clients
    final TreeMap<Integer, DatagramPort> udpPorts = new TreeMap<>(); // owner thread
    final LinkedHashSet<NetObject> sockets = new LinkedHashSet<>();  // owner thread; every open socket, in opening order
    private int nextEphemeral = FIRST_EPHEMERAL;                     // owner thread

    NetHost(int index, String name, InetAddress address) {
        this.index = index;
        this.name = name;
        this.address = address;
        this.addressText = address.getHostAddress();
    }

    /**
     * Its name.
     *
     * @return its name
     */
    public String name() {
        return name;
    }

    /**
     * Its address, {@code 127.77.x.y}, whose host name is {@link #name()}.
     *
     * @return its address
     */
    public InetAddress address() {
        return address;
    }

    /**
     * Whether it is crashed (and not restarted since).
     *
     * @return whether it is crashed
     */
    public boolean isCrashed() {
        return crashed;
    }

    /**
     * How many times it crashed.
     *
     * @return the number of crashes
     */
    public int incarnation() {
        return incarnation;
    }

    /** A free port of {@code table} from the dynamic range, or -1 if every one is taken. */
    int ephemeralPort(TreeMap<Integer, ?> table) {
        for (int tries = 0; tries <= 65535 - FIRST_EPHEMERAL; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL : p + 1;
            if (!table.containsKey(p)) {
                return p;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name + "/" + addressText;
    }
}
