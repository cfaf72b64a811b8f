package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.greenhouse.test.internal.SeededRandom;

/**
 * The simulated network: hosts, their TCP and UDP sockets, the messages between them, and the faults that
 * delay or destroy those messages. A plain model: it knows nothing of greenlets or hubs, reads the time from
 * a clock it is given, and is driven by whoever advances that clock.
 *
 * <h2>Driving it</h2>
 * Every message is an event at a virtual instant. {@link #nextEventTime()} says when the next one happens;
 * after moving the clock there, {@link #deliverDue(long)} makes every event due by then happen in (time,
 * rank, sequence) order, and {@link #takeWakeups} hands over the sockets whose readiness changed, whose
 * listeners the caller then {@linkplain NetObject#dispatch() dispatches}.
 *
 * <h2>Determinism</h2>
 * Every draw (latency, loss, duplication, short I/O) comes from the {@code random} stream, and every tie
 * between messages of different connections at the same instant from {@code ties} (or, without it, from the
 * sending order). Collections are ordered by insertion or by number, never by identity, so the same calls
 * with the same seeds give the same events. Every send, delivery, stall, drop and fault is reported to the
 * {@link TraceSink}.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class Network {
    /** {@link #nextEventTime()} when nothing is pending. */
    public static final long NONE = EventQueue.NONE;

    private final NetConfig config;      // immutable
    final SeededRandom random;           // owner thread; latency, loss, duplication, short I/O
    private final SeededRandom ties;     // owner thread; null: ties in sending order
    private final LongSupplier clock;    // immutable; epoch nanoseconds
    final TraceSink trace;               // immutable
    final EventQueue events = new EventQueue();                         // owner thread
    final TcpDelivery tcp = new TcpDelivery(this);                      // immutable
    final DatagramDelivery udp = new DatagramDelivery(this);            // immutable
    private final List<NetHost> hosts = new ArrayList<>();              // owner thread; in creation order
    private final Map<String, NetHost> byName = new HashMap<>();        // owner thread; lookups only
    private final Map<String, NetHost> byAddress = new HashMap<>();     // owner thread; lookups only
    private final TreeMap<Long, Link> links = new TreeMap<>();          // owner thread; by (from, to) index
    final List<Channel> stalledChannels = new ArrayList<>();            // owner thread; in stalling order
    private final List<NetObject> wakeups = new ArrayList<>();          // owner thread; in queueing order
    private long nextConnectionId = 1;                                  // owner thread

    /**
     * A network with no hosts.
     *
     * @param config the latency, fault rates and buffer sizes
     * @param random the stream for latency, loss, duplication and short I/O draws
     * @param ties   the stream for the order of same-instant messages of different connections, or null for
     *               the order they were sent
     * @param clock  the virtual time in epoch nanoseconds
     * @param trace  where every event is reported
     */
    public Network(NetConfig config, SeededRandom random, SeededRandom ties, LongSupplier clock, TraceSink trace) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.ties = ties;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    /**
     * The configuration.
     *
     * @return the configuration
     */
    public NetConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------
    // Hosts

    /**
     * Adds a host named {@code name}, at the next address: 127.77.0.1, 127.77.0.2, ... 127.77.255.254.
     *
     * @param name the host's name
     * @return the new host
     * @throws IllegalArgumentException if the name is blank or taken, or every address is
     */
    public NetHost addHost(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("host name must be non-blank without surrounding spaces: \"" + name + "\"");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("host name already taken: \"" + name + "\" (host names are unique)");
        }
        int index = hosts.size() + 1;
        if (index > 0xfffe) {
            throw new IllegalArgumentException("too many hosts: every address of 127.77.0.0/16 is taken");
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(name, new byte[] {127, 77, (byte) (index >>> 8), (byte) index});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // only for a wrong address length
        }
        NetHost h = new NetHost(index, name, address);
        hosts.add(h);
        byName.put(name, h);
        byAddress.put(h.addressText, h);
        return h;
    }

    /**
     * Every host, in the order they were added.
     *
     * @return the hosts, oldest first
     */
    public List<NetHost> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    /**
     * The host named {@code name}, or null.
     *
     * @param name a host name
     * @return the host, or null
     */
    public NetHost host(String name) {
        return byName.get(name);
    }

    /**
     * The host at {@code address}, or null.
     *
     * @param address an address
     * @return the host, or null
     */
    public NetHost hostAt(InetAddress address) {
        return address == null ? null : byAddress.get(address.getHostAddress());
    }

    /**
     * The address of the host named (or numbered) {@code nameOrAddress}, or null if no host has it.
     *
     * @param nameOrAddress a host name or an IP literal
     * @return the address, or null
     */
    public InetAddress resolve(String nameOrAddress) {
        NetHost h = byName.get(nameOrAddress);
        if (h == null) {
            h = byAddress.get(nameOrAddress);
        }
        return h == null ? null : h.address;
    }

    // ------------------------------------------------------------------------------------------------
    // Sockets

    /**
     * Listens on {@code host} at {@code port} (0: a free one from the dynamic range).
     *
     * @param host the listening host
     * @param address the address asked for: null or the wildcard (meaning the host's own address), or the
     *                host's own address
     * @param port the port, or 0
     * @param backlog how many established connections may wait for accept
     * @return the listener
     * @throws BindException if the port is taken or the address is not the host's
     */
    public TcpListener listen(NetHost host, InetAddress address, int port, int backlog) throws IOException {
        checkUp(host);
        checkPort(port);
        checkLocal(host, address, port);
        if (port == 0) {
            port = host.ephemeralPort(host.tcpPorts);
        } else if (host.tcpPorts.containsKey(port)) {
            throw new BindException("Address already in use: " + host.addressText + ":" + port);
        }
        if (port < 0) {
            throw new BindException("no free port on host " + host.name);
        }
        TcpListener l = new TcpListener(this, host, new InetSocketAddress(host.address, port), Math.max(1, backlog));
        host.tcpPorts.put(port, l);
        host.sockets.add(l);
        trace.record("listen", host, "tcp " + text(l.local));
        return l;
    }

    /**
     * Starts connecting from {@code host} to {@code remote} (by address, or unresolved by host name): the
     * SYN is sent; {@link TcpEndpoint#finishConnect()} tells when the handshake is done.
     *
     * @param host the connecting host
     * @param remote where to connect
     * @return the connecting endpoint
     * @throws ConnectException if no simulated host has that address or name
     */
    public TcpEndpoint connect(NetHost host, InetSocketAddress remote) throws IOException {
        Objects.requireNonNull(remote, "remote");
        checkUp(host);
        NetHost to = remote.isUnresolved() ? byName.get(remote.getHostString()) : hostAt(remote.getAddress());
        if (to == null) {
            throw new ConnectException("no simulated host at " + remote + ": connect to a host of the simulation, "
                    + "by name or by its 127.77.x.y address");
        }
        int port = host.ephemeralPort(host.tcpPorts);
        if (port < 0) {
            throw new BindException("no free port on host " + host.name);
        }
        InetSocketAddress local = new InetSocketAddress(host.address, port);
        InetSocketAddress server = new InetSocketAddress(to.address, remote.getPort());
        TcpConnection c = new TcpConnection(this, nextConnectionId++, host, local, to, server);
        TcpEndpoint e = new TcpEndpoint(this, host, c, true, window());
        c.client = e;
        host.tcpPorts.put(port, e);
        host.sockets.add(e);
        tcp.send(c.toServer, new Segment(c.toServer, Segment.Kind.SYN, null, 0));
        return e;
    }

    /**
     * Binds a datagram socket on {@code host} at {@code port} (0: a free one).
     *
     * @param host the host of the socket
     * @param address null, the wildcard, or the host's own address
     * @param port the port, or 0
     * @return the bound socket
     * @throws BindException if the port is taken or the address is not the host's
     */
    public DatagramPort bindDatagram(NetHost host, InetAddress address, int port) throws IOException {
        checkUp(host);
        checkPort(port);
        checkLocal(host, address, port);
        if (port == 0) {
            port = host.ephemeralPort(host.udpPorts);
        } else if (host.udpPorts.containsKey(port)) {
            throw new BindException("Address already in use: " + host.addressText + ":" + port + " (udp)");
        }
        if (port < 0) {
            throw new BindException("no free port on host " + host.name);
        }
        DatagramPort d = new DatagramPort(this, host, new InetSocketAddress(host.address, port));
        host.udpPorts.put(port, d);
        host.sockets.add(d);
        trace.record("bind", host, "udp " + text(d.local));
        return d;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    private static void checkLocal(NetHost host, InetAddress address, int port) throws BindException {
        if (address != null && !address.isAnyLocalAddress() && !address.equals(host.address)) {
            throw new BindException("Cannot assign requested address: " + address.getHostAddress() + ":" + port
                    + " is not an address of host " + host.name + " (" + host.addressText
                    + "); bind the wildcard address or the host's own");
        }
    }

    private static void checkUp(NetHost host) throws SocketException {
        if (host.crashed) {
            throw new SocketException("host " + host.name + " is crashed");
        }
    }

    long window() {
        return (long) config.sendBuffer() + config.receiveBuffer();
    }

    /** A closed socket frees its port. */
    void release(NetObject o) {
        NetHost h = o.host;
        if (o.vanished || o.incarnation != h.incarnation) {
            return;
        }
        h.sockets.remove(o);
        trace.record("close", h, o.toString());
        if (o instanceof DatagramPort) {
            h.udpPorts.remove(((DatagramPort) o).local.getPort(), o);
        } else if (o instanceof TcpEndpoint) {
            TcpEndpoint e = (TcpEndpoint) o;
            if (e.isClient) {
                h.tcpPorts.remove(e.conn.clientAddress.getPort(), e);
            }
        }
    }

    void closeListener(TcpListener l) {
        trace.record("close", l.host, l.toString());
        l.host.tcpPorts.remove(l.local.getPort(), l);
        l.host.sockets.remove(l);
        TcpEndpoint e;
        while ((e = l.established.pollFirst()) != null) {
            e.abort();
        }
        TcpConnection c;
        while ((c = l.waitingSyns.pollFirst()) != null) {
            tcp.send(c.toClient, new Segment(c.toClient, Segment.Kind.RST, null, 0));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Faults

    /**
     * Messages between {@code a} and {@code b}, both ways, are partitioned until {@link #heal()}.
     *
     * @param a one host
     * @param b the other host
     */
    public void partition(NetHost a, NetHost b) {
        checkPair(a, b);
        link(a, b).partitioned = true;
        link(b, a).partitioned = true;
        trace.record("fault", null, "partition " + a.name + "<->" + b.name);
    }

    /**
     * Messages from {@code from} to {@code to} (only) are partitioned until {@link #heal()}.
     *
     * @param from the sending host
     * @param to the receiving host
     */
    public void partitionOneWay(NetHost from, NetHost to) {
        checkPair(from, to);
        link(from, to).partitioned = true;
        trace.record("fault", null, "partition " + from.name + "->" + to.name);
    }

    /** Ends every partition: stalled segments flow again, in order. */
    public void heal() {
        for (Link l : links.values()) {
            l.partitioned = false;
        }
        trace.record("fault", null, "heal");
        resume();
    }

    /**
     * Messages between {@code a} and {@code b}, both ways, wait until {@link #release}.
     *
     * @param a one host
     * @param b the other host
     */
    public void hold(NetHost a, NetHost b) {
        setHeld(a, b, true);
    }

    /**
     * Messages between {@code a} and {@code b} that wait, and later ones, flow again in order.
     *
     * @param a one host
     * @param b the other host
     */
    public void release(NetHost a, NetHost b) {
        setHeld(a, b, false);
        resume();
    }

    private void setHeld(NetHost a, NetHost b, boolean held) {
        checkPair(a, b);
        link(a, b).held = held;
        link(b, a).held = held;
        trace.record("fault", null, (held ? "hold " : "release ") + a.name + "<->" + b.name);
    }

    /**
     * Crashes {@code host}: every socket of it vanishes without a message to its peers (they see silence,
     * then a reset once the host is back), its ports are freed, and it is down until {@link #restart}.
     *
     * @param host the host to crash
     */
    public void crash(NetHost host) {
        if (host.crashed) {
            return;
        }
        host.crashed = true;
        host.incarnation++;
        List<NetObject> gone = new ArrayList<>(host.sockets);
        host.sockets.clear();
        host.tcpPorts.clear();
        host.udpPorts.clear();
        for (NetObject o : gone) {
            o.vanish();
        }
        trace.record("fault", host, "crash " + host.name);
    }

    /**
     * Brings a crashed {@code host} back up, with no sockets; it answers old connections with resets.
     *
     * @param host the crashed host
     */
    public void restart(NetHost host) {
        if (host.crashed) {
            host.crashed = false;
            trace.record("fault", host, "restart " + host.name);
        }
    }

    private static void checkPair(NetHost a, NetHost b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("a fault needs two different hosts, got " + a.name + " twice");
        }
    }

    Link link(NetHost from, NetHost to) {
        long key = ((long) from.index << 32) | to.index;
        Link l = links.get(key);
        if (l == null) {
            l = new Link(from, to);
            links.put(key, l);
        }
        return l;
    }

    /** Queues a flush for every stall whose link is open again. */
    private void resume() {
        for (Channel ch : stalledChannels) {
            if (!ch.flushQueued && !link(ch.from, ch.to).blocked()) {
                tcp.queueFlush(ch);
            }
        }
        for (Link l : links.values()) {
            if (!l.flushQueued && !l.held && !l.heldDatagrams.isEmpty()) {
                udp.queueFlush(l);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Driving

    /**
     * When the next event happens (epoch nanoseconds), or {@link #NONE}.
     *
     * @return the time, or {@code NONE}
     */
    public long nextEventTime() {
        return events.nextTime();
    }

    /**
     * Whether an event is pending or a wakeup waits to be taken.
     *
     * @return whether anything is pending
     */
    public boolean hasPendingWork() {
        return !events.isEmpty() || !wakeups.isEmpty();
    }

    /**
     * Makes every event due by {@code now} happen, in order; returns how many happened.
     *
     * @param now the virtual time, in epoch nanoseconds
     * @return the number of events that happened
     */
    public int deliverDue(long now) {
        int n = 0;
        NetEvent e;
        while ((e = events.pollDue(now)) != null) {
            e.happen();
            n++;
        }
        return n;
    }

    /**
     * Moves the queued wakeups, in the order they were queued, to {@code into}.
     *
     * @param into where the objects to wake go
     */
    public void takeWakeups(List<NetObject> into) {
        into.addAll(wakeups);
        wakeups.clear();
    }

    void queueWakeup(NetObject o, int ops) {
        if (o.pendingOps == 0) {
            wakeups.add(o);
        }
        o.pendingOps |= ops;
    }

    // ------------------------------------------------------------------------------------------------
    // Draws and scheduling, for the deliveries

    /** The virtual time, epoch nanoseconds. */
    long now() {
        return clock.getAsLong();
    }

    /** The host named {@code name}, or null. */
    NetHost hostNamed(String name) {
        return byName.get(name);
    }

    /** A uniformly drawn part of {@code n} (at least 1) with short I/O, else {@code n}. */
    int part(int n) {
        return config.shortIo() && n > 1 ? (int) random.between(1, n) : n;
    }

    /** A drawn one-way latency. */
    long latency() {
        return random.between(config.minLatencyNanos(), config.maxLatencyNanos());
    }

    /** A tie-breaker: drawn with random ties, else 0 (the sending order). */
    long rank() {
        return ties == null ? 0 : ties.nextLong() >>> 1;
    }

    /** Queues {@code e} at {@code time} with a drawn rank. */
    void schedule(NetEvent e, long time) {
        e.time = time;
        e.rank = rank();
        events.add(e);
    }

    /** {@code 127.77.0.1:80}. */
    static String text(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        return (ip == null ? a.getHostString() : ip.getHostAddress()) + ":" + a.getPort();
    }
}
