package io.greenhouse.test;

import java.net.InetAddress;

import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.net.NetHost;

/**
 * A simulated machine of a {@link Simulation}: a name, a loopback-range address ({@code 127.77.x.y}, which
 * the name resolves to inside the simulation), and a main greenlet.
 * <pre>{@code
 * SimHost server = sim.host("server");
 * server.start(() -> runServer(8080));
 * server.address();   // 127.77.0.1
 * }</pre>
 * Crashing a host ({@link Simulation#crash}) ends its greenlets and makes its sockets vanish;
 * {@link Simulation#restart} runs its main body again, fresh.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class SimHost {
    final Simulation simulation;   // immutable
    final NetHost net;             // immutable
    GreenRunnable body;            // sim thread; the last main body started, for restart
    Greenlet mainGreenlet;         // sim thread; the latest main greenlet, or null
    int mainIncarnation;           // sim thread; the host's incarnation when mainGreenlet started

    SimHost(Simulation simulation, NetHost net) {
        this.simulation = simulation;
        this.net = net;
    }

    /**
     * Its name, unique in the simulation.
     *
     * @return its name
     */
    public String name() {
        return net.name();
    }

    /**
     * Its address, {@code 127.77.x.y}, whose host name is {@link #name()}.
     *
     * @return its address
     */
    public InetAddress address() {
        return net.address();
    }

    /**
     * Schedules {@code main} as this host's main greenlet (named {@code <host>:main}) and returns it. Every
     * greenlet it schedules belongs to this host too. {@link Simulation#run()} runs until the main greenlets
     * of all hosts are dead. Installs the simulation's hub on the calling thread if it is not yet.
     *
     * @param main the body of the host's main greenlet
     * @return the host's main greenlet
     * @throws IllegalStateException if the host is crashed, or its main greenlet is still alive
     */
    public Greenlet start(GreenRunnable main) {
        return simulation.startHost(this, main);
    }

    /**
     * Its current main greenlet, or null if it was never started.
     *
     * @return the current main greenlet, or null
     */
    public Greenlet mainGreenlet() {
        return mainGreenlet;
    }

    /**
     * Whether it is crashed (and not restarted since).
     *
     * @return whether it is crashed
     */
    public boolean isCrashed() {
        return net.isCrashed();
    }

    @Override
    public String toString() {
        return "SimHost[" + net + (net.isCrashed() ? ", crashed" : "") + "]";
    }
}
