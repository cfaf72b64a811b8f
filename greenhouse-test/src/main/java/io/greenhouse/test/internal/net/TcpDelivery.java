package io.greenhouse.test.internal.net;

/**
 * How TCP segments move: each direction of a connection is sent in order, arrives after its latency,
 * stalls behind a partition or a hold (and every later segment behind it), flows again in order after a
 * flush, and is delivered to its endpoint, listener or, for a connection the host no longer knows, answered
 * with a reset. Part of {@link Network}, which owns the state it works on.
 *
 * <p>Threading: the simulation's thread only.
 */
final class TcpDelivery {
    private final Network net;   // immutable

    TcpDelivery(Network net) {
        this.net = net;
    }

    /** Sends a segment on {@code ch}: it arrives after the previous one, at least one drawn latency from now. */
    void send(Channel ch, Segment s) {
        long t = Math.max(ch.lastTime, net.now() + net.latency());
        long r = net.rank();
        if (t == ch.lastTime && r < ch.lastRank) {
            r = ch.lastRank;   // ties within one direction keep the sending order
        }
        ch.lastTime = t;
        ch.lastRank = r;
        s.time = t;
        s.rank = r;
        net.events.add(s);
        net.trace.record("send", ch.from, ch.label() + " " + s.describe());
    }

    void sendData(TcpEndpoint e, byte[] data) {
        Channel ch = e.out();
        send(ch, new Segment(ch, Segment.Kind.DATA, data, 0));
    }

    void sendAck(TcpEndpoint e, int n) {
        Channel ch = e.out();
        send(ch, new Segment(ch, Segment.Kind.ACK, null, n));
    }

    void sendControl(TcpEndpoint e, Segment.Kind kind) {
        Channel ch = e.out();
        send(ch, new Segment(ch, kind, null, 0));
    }

    /** A segment reached the end of its latency: it stalls behind a fault, or is delivered. */
    void arrive(Segment s) {
        Channel ch = s.channel;
        if (!ch.stalled.isEmpty() || net.link(ch.from, ch.to).blocked()) {
            Link l = net.link(ch.from, ch.to);
            ch.stalled.addLast(s);
            if (!ch.inStalledList) {
                ch.inStalledList = true;
                net.stalledChannels.add(ch);
            }
            net.trace.record("stall", ch.to, ch.label() + " " + s.describe()
                    + (l.partitioned ? " (partitioned)" : l.held ? " (held)" : " (behind stalled segments)"));
            return;
        }
        deliver(s);
    }

    /** Queues the flush of a stall whose link is open again, one latency from now. */
    void queueFlush(Channel ch) {
        ch.flushQueued = true;
        net.schedule(new ChannelFlush(ch), net.now() + net.latency());
    }

    private void flush(Channel ch) {
        ch.flushQueued = false;
        if (net.link(ch.from, ch.to).blocked()) {
            return;   // faulted again before the flush: it waits for the next heal or release
        }
        ch.inStalledList = false;
        net.stalledChannels.remove(ch);
        Segment s;
        while ((s = ch.stalled.pollFirst()) != null) {
            deliver(s);
        }
    }

    private void deliver(Segment s) {
        Channel ch = s.channel;
        NetHost to = ch.to;
        TcpConnection c = ch.conn;
        String what = ch.label() + " " + s.describe();
        if (to.crashed) {
            net.trace.record("drop", to, what + " (host down)");
            return;
        }
        if (s.kind == Segment.Kind.SYN) {
            net.trace.record("deliver", to, what);
            NetObject o = to.tcpPorts.get(c.serverAddress.getPort());
            if (!(o instanceof TcpListener) || ((TcpListener) o).closed) {
                send(c.toClient, new Segment(c.toClient, Segment.Kind.RST, null, 0));
                return;
            }
            TcpListener l = (TcpListener) o;
            if (l.established.size() >= l.backlog) {
                l.waitingSyns.addLast(c);
                net.trace.record("stall", to, what + " (backlog full)");
                return;
            }
            admit(l, c);
            return;
        }
        TcpEndpoint e = ch.target();
        if (e == null || e.vanished || e.incarnation != to.incarnation) {
            // The host restarted since: its new stack knows no such connection and answers with a reset.
            net.trace.record("drop", to, what + " (no such connection)");
            if (s.kind != Segment.Kind.RST) {
                Channel back = ch.toServer ? c.toClient : c.toServer;
                send(back, new Segment(back, Segment.Kind.RST, null, 0));
            }
            return;
        }
        net.trace.record("deliver", to, what);
        switch (s.kind) {
            case SYN_ACK:
                if (e.closed) {
                    sendControl(e, Segment.Kind.RST);
                } else {
                    e.established();
                }
                break;
            case DATA:
                if (e.closed) {
                    sendControl(e, Segment.Kind.RST);
                } else if (!e.receive(s.data)) {
                    sendAck(e, s.data.length);
                }
                break;
            case FIN:
                e.fin();
                break;
            case ACK:
                e.credit(s.credit);
                break;
            case RST:
                e.reset();
                break;
            default:
                throw new AssertionError(s.kind);
        }
    }

    /** Completes the handshake of {@code c} at {@code l}: the server endpoint waits in the backlog. */
    void admit(TcpListener l, TcpConnection c) {
        TcpEndpoint server = new TcpEndpoint(net, l.host, c, false, net.window());
        c.server = server;
        c.listener = l;
        l.host.sockets.add(server);
        l.established.addLast(server);
        l.wake(NetObject.READ);
        send(c.toClient, new Segment(c.toClient, Segment.Kind.SYN_ACK, null, 0));
    }

    /** Stalled segments of one direction flow again. */
    private final class ChannelFlush extends NetEvent {
        private final Channel channel;   // immutable

        ChannelFlush(Channel channel) {
            this.channel = channel;
        }

        @Override
        void happen() {
            flush(channel);
        }
    }
}
