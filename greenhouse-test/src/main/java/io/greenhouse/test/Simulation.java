package io.greenhouse.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import io.greenhouse.GreenRunnable;
import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.BuggifySites;
import io.greenhouse.test.internal.SeededRandom;
import io.greenhouse.test.internal.Seeds;
import io.greenhouse.test.internal.SimulatedPoller;
import io.greenhouse.test.internal.TraceLog;
import io.greenhouse.test.internal.net.Network;

/**
 * A deterministic run of a greenlet program: hosts on a simulated network, on virtual time, on the calling
 * thread, with every choice drawn from one seed, so that the same seed runs the same events in the same
 * order, in every JVM.
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(0x5eedL).latency(Duration.ofMillis(1), Duration.ofMillis(20)).build();
 * SimHost server = sim.host("server");
 * SimHost client = sim.host("client");
 * server.start(() -> serve(80));
 * client.start(() -> {
 *     Scheduler.pauseFor(3600);        // returns at once, an hour later in virtual time
 *     sim.crash(server);
 * });
 * sim.run();                           // until every host's main greenlet is dead
 * }</pre>
 *
 * <h2>The model</h2>
 * One hub runs every host. A host ({@link #host(String)}) is a name, a {@code 127.77.x.y} address and its
 * main greenlet ({@link SimHost#start}). The hub's poller never waits: when no greenlet can run it moves the
 * virtual clock to the next timer or message delivery. Latency, datagram loss and duplication, short reads
 * and writes, the order of what production leaves open ({@link Schedule#RANDOM}), {@link Buggify} and
 * {@link #random()} each draw from their own stream derived from the seed, so that a new draw for one does
 * not move the others. {@link #trace()} records every event.
 *
 * <h2>Runs</h2>
 * {@link #run()} runs until every host's main greenlet is dead. {@link #runFor} and {@link #runUntil} run part
 * of it and can be called again to continue. The simulation installs its hub on the calling thread at its
 * first run call, or earlier at the first {@link #host}, so that primitives ({@code Event}, {@code Queue}...)
 * made after the hosts serve the simulation's hub; it keeps the hub across partial runs, and releases it
 * when {@code run()} returns or any run call throws: the thread is then left with no hub, so simulations can
 * follow one another on one thread, also after one that failed. A released simulation cannot run again.
 * Every failure is a {@link SimulationException} whose message starts with the seed and how to replay it.
 *
 * <h2>Hosts and their sockets</h2>
 * A greenlet belongs to a host when the host started it ({@link SimHost#start}) or a greenlet of the host
 * created it, transitively (the host is in its {@link io.greenhouse.ContextKey context}, which deadlock reports
 * and the trace show). greenhouse-io's {@code GreenServerSocket}, {@code GreenSocket} (by address or by host
 * name), {@code GreenDatagramSocket} and {@code GreenPipe} run unchanged on the simulated network; a socket
 * belongs to the host of the greenlet that opens it (the test's own greenlets have none, and may not), and
 * binding the wildcard or a loopback address means the host's own. {@code GreenFile} reads and writes the real
 * file system at one virtual instant.
 *
 * <h2>Faults</h2>
 * {@link #partition}, {@link #partitionOneWay}, {@link #heal}, {@link #hold}, {@link #release},
 * {@link #crash} and {@link #restart} may be called before a run, between partial runs, or from a greenlet
 * during one. A crashed host is silent: a connection to it, or a message sent to it, gets no answer (a connect
 * times out if it has a timeout) until it restarts, and then a reset.
 *
 * <h2>Differences from the contract's wording</h2>
 * The hub is installed at the first {@link #host} (or {@link SimHost#start}, or run call), not only at the first
 * run call, so that primitives made between building and running belong to the simulation. The seed given by
 * default is random and reported in every failure, in {@link #toString()} and by {@link #seed()}, not logged.
 *
 * <p>Threading: a simulation belongs to the thread that first runs it; every method MUST be called there
 * (from the test or from its greenlets), and {@link #run()} and the partial runs from the test itself, not
 * from a greenlet.
 */
public final class Simulation {
    /** The default virtual start: 2000-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2000-01-01T00:00:00Z");
    /** The default virtual time limit: one hour. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(1);

    private final long seed;                  // immutable
    private final Duration timeLimit;         // immutable
    private final Schedule schedule;          // immutable
    private final VirtualClock clock;         // immutable
    private final Trace trace;                // immutable
    private final Network network;            // immutable
    private final SeededRandom testRandom;    // sim thread
    private final SimulationHub runner;       // immutable; the hub and the run loop
    private final SimHosts hosts;             // immutable; the hosts, their main greenlets, crash and restart

    private Simulation(SimulationSettings b) {
        this.seed = b.seedOrDefault();
        this.timeLimit = b.timeLimit;
        this.schedule = b.schedule;
        this.clock = VirtualClock.at(b.start);
        long startNanos = clock.epochNanos();
        TraceLog log = new TraceLog(startNanos, b.keepTraceLines);
        this.trace = new Trace(log);
        boolean random = schedule == Schedule.RANDOM;
        this.network = new Network(b.netConfig(), Seeds.stream(seed, Seeds.Purpose.NETWORK),
                random ? Seeds.stream(seed, Seeds.Purpose.SCHEDULE, 1) : null, clock::epochNanos,
                (kind, host, detail) -> log.append(clock.epochNanos(), kind, host == null ? null : host.name(),
                        greenletName(), detail));
        SimulatedPoller poller = new SimulatedPoller(clock, network,
                random ? Seeds.stream(seed, Seeds.Purpose.SCHEDULE, 2) : null, log,
                "the simulation (seed " + Seeds.hex(seed) + ")");
        poller.setTimeLimit(Math.addExact(startNanos, timeLimit.toNanos()));
        this.testRandom = Seeds.stream(seed, Seeds.Purpose.TEST);
        BuggifySites buggify = new BuggifySites(seed, log, clock::epochNanos);
        this.runner = new SimulationHub(this, clock, log, poller,
                random ? Seeds.stream(seed, Seeds.Purpose.SCHEDULE, 3) : null, buggify);
        this.hosts = new SimHosts(this, network, runner, clock, log);
    }

    /**
     * A builder with the defaults: a random seed (or {@code -Dgreenhouse.seed}), no latency, no faults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------
    // Hosts

    /**
     * A new host named {@code name}, with the next address of {@code 127.77.0.0/16} (127.77.0.1 first). Inside
     * the simulation the name resolves to that address. Installs the simulation's hub on the calling thread if
     * it is not yet.
     *
     * @param name the host's name, unique in this simulation
     * @return the new host
     * @throws IllegalArgumentException if the name is blank or another host has it
     */
    public SimHost host(String name) {
        return hosts.add(name);
    }

    /**
     * Every host, in the order they were made.
     *
     * @return the hosts, oldest first
     */
    public List<SimHost> hosts() {
        return hosts.all();
    }

    Greenlet startHost(SimHost host, GreenRunnable body) {
        return hosts.start(host, body);
    }

    // ------------------------------------------------------------------------------------------------
    // Runs

    /**
     * Runs until every host's main greenlet is dead, then releases the hub.
     *
     * @throws SimulationException if a greenlet died of a throwable, if nothing can ever happen again while
     *         a host's main greenlet waits (a deadlock: the message names each waiting greenlet, its host and
     *         what it waits for), or at the time limit
     * @throws IllegalStateException if called from a greenlet, from another thread, or after the simulation
     *         was released
     */
    public void run() {
        runner.run();
    }

    /**
     * Runs for {@code duration} of virtual time (also when every host is done), keeping the hub for more.
     *
     * @param duration how much virtual time to run for; zero or more
     * @throws SimulationException as {@link #run()}, but never for a deadlock: time just passes
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void runFor(Duration duration) {
        runner.runFor(duration);
    }

    /**
     * Runs until {@code condition} holds, checking it now and then at every point where the work of the
     * current virtual instant is done (and whenever a host's main greenlet ends), keeping the hub for more.
     *
     * @param condition checked on the simulation's thread between greenlet turns
     * @return true once the condition holds; false if it does not when nothing can happen any more and every
     *         host's main greenlet is dead
     * @throws SimulationException as {@link #run()}: a failure, a deadlock while a host's main greenlet waits,
     *         or the time limit
     */
    public boolean runUntil(BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        return runner.runUntil(condition);
    }

    /** The running greenlet's name for a network event, or null (network events of a poll belong to none). */
    private String greenletName() {
        return runner.currentGreenletName();
    }

    /** The simulated network. */
    Network network() {
        return network;
    }

    /** The virtual time limit. */
    Duration timeLimit() {
        return timeLimit;
    }

    /** For the JUnit extension: the hub and run loop, to finish a run, or abort it from another thread. */
    SimulationHub runner() {
        return runner;
    }

    static BuggifySites buggifySites() {
        return SimulationHub.currentBuggifySites();
    }

    // ------------------------------------------------------------------------------------------------
    // Faults

    /**
     * Cuts {@code a} and {@code b} apart, both ways, until {@link #heal()}: datagrams between them are lost, TCP
     * segments stall and flow again, in order, after the heal, as retransmission would deliver them.
     *
     * @param a one host
     * @param b the other host
     * @throws IllegalArgumentException if {@code a} and {@code b} are the same host or of another simulation
     */
    public void partition(SimHost a, SimHost b) {
        runner.checkThread();
        network.partition(hosts.own(a), hosts.own(b));
    }

    /**
     * As {@link #partition}, for messages from {@code from} to {@code to} only.
     *
     * @param from the host whose messages are lost or stall
     * @param to the host they are sent to
     */
    public void partitionOneWay(SimHost from, SimHost to) {
        runner.checkThread();
        network.partitionOneWay(hosts.own(from), hosts.own(to));
    }

    /** Ends every partition; stalled TCP segments flow again, in order. */
    public void heal() {
        runner.checkThread();
        network.heal();
    }

    /**
     * Holds every message between {@code a} and {@code b}, both ways, until {@link #release}: they wait, then
     * flow in order. Datagrams are held too, not lost.
     *
     * @param a one host
     * @param b the other host
     */
    public void hold(SimHost a, SimHost b) {
        runner.checkThread();
        network.hold(hosts.own(a), hosts.own(b));
    }

    /**
     * Lets the messages held between {@code a} and {@code b} flow again, in order.
     *
     * @param a one host
     * @param b the other host
     */
    public void release(SimHost a, SimHost b) {
        runner.checkThread();
        network.release(hosts.own(a), hosts.own(b));
    }

    /**
     * Crashes {@code host}: its greenlets are ended ({@link io.greenhouse.GreenletExit} at their next turn; a
     * greenlet of the host that crashes it stops at its next suspension) and its sockets vanish, so peers see a
     * reset or silence, never a clean close. Crashing a crashed host does nothing.
     *
     * @param host the host to crash, of this simulation
     */
    public void crash(SimHost host) {
        hosts.crash(host);
    }

    /**
     * Restarts {@code host}, crashing it first if it is up: it comes back with no sockets, and its main body
     * (the last one given to {@link SimHost#start}) runs again in a fresh main greenlet.
     *
     * @param host the host to restart, of this simulation
     * @return the new main greenlet, or null if the host was never started
     */
    public Greenlet restart(SimHost host) {
        return hosts.restart(host);
    }

    // ------------------------------------------------------------------------------------------------
    // Seed, randomness, time, trace

    /**
     * The seed every choice of this simulation is drawn from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The test's own seeded randomness: for the test's choices (which key to write, when to crash what). Its
     * stream is independent of the simulation's own draws, so using it does not change them.
     *
     * @return the test's seeded generator
     */
    public RandomGenerator random() {
        return testRandom;
    }

    /**
     * The current virtual time.
     *
     * @return the current virtual instant
     */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The virtual clock; it moves only while the simulation runs.
     *
     * @return the simulation's clock
     */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * The schedule of this simulation.
     *
     * @return the schedule
     */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * Every event so far.
     *
     * @return the trace, which grows as the simulation runs
     */
    public Trace trace() {
        return trace;
    }

    @Override
    public String toString() {
        return "Simulation[seed " + Seeds.hex(seed) + ", " + schedule + ", " + hosts.size() + " hosts, at " + now() + "]";
    }

    /**
     * Settings of a {@link Simulation}; every setting has a default.
     *
     * <p>Threading: a builder is used by one thread.
     */
    public static final class Builder {
        private final SimulationSettings settings = new SimulationSettings();   // checked as set
        private Consumer<Simulation> onBuild;              // the JUnit extension's record of what it built

        Builder() {
        }

        /**
         * The seed (default: {@code -Dgreenhouse.seed} if set, else a random one, always reported).
         *
         * @param seed the seed; any value, 0 included
         * @return this builder
         */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /**
         * The virtual instant the simulation starts at (default 2000-01-01T00:00:00Z).
         *
         * @param start the virtual epoch
         * @return this builder
         */
        public Builder start(Instant start) {
            settings.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * The one-way delay of each message, drawn uniformly in [min, max] (default 0..0).
         *
         * @param min the shortest delay, zero or more
         * @param max the longest delay, at least {@code min}
         * @return this builder
         * @throws IllegalArgumentException if min is negative or max is less than min
         */
        public Builder latency(Duration min, Duration max) {
            settings.latency(min, max);
            return this;
        }

        /**
         * The probability that a datagram is lost (default 0; TCP is never lossy).
         *
         * @param rate the loss probability, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if not in [0, 1]
         */
        public Builder lossRate(double rate) {
            settings.lossRate = SimulationSettings.rate("lossRate", rate);
            return this;
        }

        /**
         * The probability that a datagram arrives twice (default 0).
         *
         * @param rate the duplication probability, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if not in [0, 1]
         */
        public Builder duplicateRate(double rate) {
            settings.duplicateRate = SimulationSettings.rate("duplicateRate", rate);
            return this;
        }

        /**
         * Whether each stream read and write moves a seeded, uniformly drawn part of what it could, at least 1 byte.
         *
         * @param on whether reads and writes are short
         * @return this builder
         */
        public Builder shortIo(boolean on) {
            settings.shortIo = on;
            return this;
        }

        /**
         * How the orders production leaves open are chosen (default {@link Schedule#FIFO}).
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(Schedule schedule) {
            settings.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * The virtual time after which a run fails (default one hour).
         *
         * @param limit the virtual time limit, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeLimit(Duration limit) {
            settings.timeLimit(limit);
            return this;
        }

        /**
         * Whether the trace keeps its lines (default) or only their hash and count, for long runs.
         *
         * @param keep whether to keep the lines
         * @return this builder
         */
        public Builder keepTraceLines(boolean keep) {
            settings.keepTraceLines = keep;
            return this;
        }

        /**
         * A new simulation with these settings.
         *
         * @return the new simulation
         */
        public Simulation build() {
            Simulation s = new Simulation(settings);
            if (onBuild != null) {
                onBuild.accept(s);
            }
            return s;
        }

        /** For the JUnit extension: {@code action} gets every simulation this builder builds. */
        Builder onBuild(Consumer<Simulation> action) {
            this.onBuild = action;
            return this;
        }
    }
}
