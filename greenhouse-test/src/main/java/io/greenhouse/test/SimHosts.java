package io.greenhouse.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.test.internal.HostLife;
import io.greenhouse.test.internal.TraceLog;
import io.greenhouse.test.internal.net.NetHost;
import io.greenhouse.test.internal.net.Network;

/**
 * The hosts of one {@link Simulation}: made in order, each host's main greenlet, and what a crash and a
 * restart do to them. {@link Simulation}'s host and fault methods are its public face.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SimHosts {
    private final Simulation sim;             // immutable
    private final Network network;            // immutable
    private final SimulationHub runner;       // immutable
    private final VirtualClock clock;         // immutable
    private final TraceLog log;               // immutable
    private final List<SimHost> hosts = new ArrayList<>();   // sim thread; in creation order

    SimHosts(Simulation sim, Network network, SimulationHub runner, VirtualClock clock, TraceLog log) {
        this.sim = sim;
        this.network = network;
        this.runner = runner;
        this.clock = clock;
        this.log = log;
    }

    /** A new host named {@code name}; installs the hub first. */
    SimHost add(String name) {
        runner.install();
        SimHost h = new SimHost(sim, network.addHost(name));
        hosts.add(h);
        return h;
    }

    /** Every host, oldest first, unmodifiable. */
    List<SimHost> all() {
        return Collections.unmodifiableList(hosts);
    }

    int size() {
        return hosts.size();
    }

    /** Schedules {@code body} as {@code host}'s main greenlet; see {@link SimHost#start}. */
    Greenlet start(SimHost host, GreenRunnable body) {
        Objects.requireNonNull(body, "main");
        runner.install();
        NetHost net = host.net;
        if (net.isCrashed()) {
            throw new IllegalStateException("host " + net.name() + " is crashed: restart it (Simulation.restart)");
        }
        Greenlet running = host.mainGreenlet;
        if (running != null && !running.isDead() && host.mainIncarnation == net.incarnation()) {
            throw new IllegalStateException("host " + net.name() + " already runs its main greenlet "
                    + running.name() + "; a host has one (restart it to run the body again)");
        }
        host.body = body;
        Greenlet g = Scheduler.greenlet(body);
        g.setName(net.name() + ":main" + (net.incarnation() == 0 ? "" : "@" + net.incarnation()));
        HostLife.KEY.set(g, new HostLife(net));
        runner.watchHostMain(g);
        host.mainGreenlet = g;
        host.mainIncarnation = net.incarnation();
        log.append(clock.epochNanos(), "start", net.name(), g.name(), null);
        return Scheduler.schedule(g);
    }

    /** Ends the greenlets of {@code host} and makes its sockets vanish; see {@link Simulation#crash}. */
    void crash(SimHost host) {
        runner.checkThread();
        NetHost net = own(host);
        if (net.isCrashed()) {
            return;
        }
        for (Greenlet g : runner.liveGreenletsOf(net)) {
            Scheduler.end(g);
        }
        network.crash(net);
    }

    /** Crashes {@code host} if up, brings it back, runs its last main body again; see {@link Simulation#restart}. */
    Greenlet restart(SimHost host) {
        runner.checkThread();
        NetHost net = own(host);
        crash(host);
        network.restart(net);
        GreenRunnable body = host.body;
        return body == null ? null : start(host, body);
    }

    /** The network host of {@code h}, checked to be of this simulation. */
    NetHost own(SimHost h) {
        Objects.requireNonNull(h, "host");
        if (h.simulation != sim) {
            throw new IllegalArgumentException("host " + h.name() + " belongs to another simulation");
        }
        return h.net;
    }
}
