package io.greenhouse.test.internal.net;

import java.net.InetSocketAddress;

/**
 * How datagrams move: each copy draws its own latency (so datagrams overtake each other), may be lost or
 * duplicated, is lost across a partition, waits across a hold and then arrives in order, and is dropped by
 * a full receive queue, an unbound port or a host that is down. Part of {@link Network}, which owns the
 * state it works on.
 *
 * <p>Threading: the simulation's thread only.
 */
final class DatagramDelivery {
    private final Network net;   // immutable

    DatagramDelivery(Network net) {
        this.net = net;
    }

    void sendDatagram(DatagramPort from, byte[] data, InetSocketAddress target) {
        NetHost to = target.isUnresolved() ? net.hostNamed(target.getHostString()) : net.hostAt(target.getAddress());
        InetSocketAddress resolvedTarget = to == null || !target.isUnresolved()
                ? target : new InetSocketAddress(to.address, target.getPort());
        DatagramPort.Datagram first = new DatagramPort.Datagram(net, from.host, to, from.local, resolvedTarget, data);
        net.trace.record("send", from.host, first.label);
        if (to == null) {
            net.trace.record("drop", from.host, first.label + " (no such host)");
            return;
        }
        if (net.random.chance(net.config().lossRate())) {
            net.trace.record("drop", from.host, first.label + " (lost)");
            return;
        }
        long now = net.now();
        net.schedule(first, now + net.latency());
        if (net.random.chance(net.config().duplicateRate())) {
            net.trace.record("send", from.host, first.label + " (duplicate)");
            net.schedule(new DatagramPort.Datagram(net, from.host, to, from.local, resolvedTarget, data), now + net.latency());
        }
    }

    void arrive(DatagramPort.Datagram d) {
        Link l = net.link(d.from, d.to);
        if (d.from != d.to && l.partitioned) {
            net.trace.record("drop", d.to, d.label + " (partitioned)");
            return;
        }
        if (d.from != d.to && (l.held || !l.heldDatagrams.isEmpty())) {
            l.heldDatagrams.addLast(d);
            net.trace.record("stall", d.to, d.label + " (held)");
            return;
        }
        deliver(d);
    }

    /** Queues the flush of a released link's held datagrams, one latency from now. */
    void queueFlush(Link l) {
        l.flushQueued = true;
        net.schedule(new DatagramFlush(l), net.now() + net.latency());
    }

    private void flush(Link l) {
        l.flushQueued = false;
        DatagramPort.Datagram d;
        while (!l.held && (d = l.heldDatagrams.pollFirst()) != null) {
            if (l.partitioned) {
                net.trace.record("drop", d.to, d.label + " (partitioned)");
            } else {
                deliver(d);
            }
        }
    }

    private void deliver(DatagramPort.Datagram d) {
        if (d.to.crashed) {
            net.trace.record("drop", d.to, d.label + " (host down)");
            return;
        }
        DatagramPort p = d.to.udpPorts.get(d.target.getPort());
        if (p == null || p.closed) {
            net.trace.record("drop", d.to, d.label + " (port unreachable)");
            return;
        }
        if (p.queue.size() >= net.config().datagramQueue()) {
            net.trace.record("drop", d.to, d.label + " (receive queue full)");
            return;
        }
        p.queue.addLast(d);
        p.wake(NetObject.READ);
        net.trace.record("deliver", d.to, d.label);
    }

    /** Held datagrams of one link flow again. */
    private final class DatagramFlush extends NetEvent {
        private final Link link;   // immutable

        DatagramFlush(Link link) {
            this.link = link;
        }

        @Override
        void happen() {
            flush(link);
        }
    }
}
