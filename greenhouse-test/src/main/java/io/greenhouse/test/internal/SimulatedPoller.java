package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import io.greenhouse.DeadlockException;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.internal.HarnessHooks;
import io.greenhouse.internal.Loop;
import io.greenhouse.io.internal.DatagramHandle;
import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;
import io.greenhouse.test.VirtualClock;
import io.greenhouse.test.internal.net.NetObject;
import io.greenhouse.test.internal.net.Network;

/**
 * The poller of a hub on virtual time, and the transport that puts greenhouse-io's sockets on the simulated
 * network: {@code GreenSocket}, {@code GreenServerSocket}, {@code GreenDatagramSocket} and {@code GreenPipe} find
 * it with {@code Transport.current()} and run on it unchanged, and blocking calls ({@code GreenFile}, name
 * lookups) run inline, at one virtual instant.
 *
 * <h2>A poll</h2>
 * It never waits, it moves the clock. Asked to wait at most {@code timeout} nanoseconds (the time to the hub's
 * first timer, or no limit), it takes the earliest of that timer and the network's next event, moves the
 * {@link VirtualClock} there, makes every network event due by then happen in (time, rank, sequence) order, and
 * dispatches the wakeups they caused (in that order, or in a seeded permutation with {@code Schedule.RANDOM}). A
 * poll with timeout 0 only delivers what is due. So the clock moves only here, only forward, and only as far as
 * the next thing that can happen.
 *
 * <h2>Stops</h2>
 * A poll throws {@link SimulationStop} instead when the move would pass the virtual time limit, or when another
 * thread asked the run to stop ({@link #abort}, the wall-clock limit); the hub rethrows it from the main
 * greenlet's blocking call. When nothing can ever happen again while greenlets wait (no timer, no message in
 * flight) it throws a {@link DeadlockException} with the hub's report of every waiting greenlet, its host,
 * what it waits on and where. A plain virtual-time hub (no network) kept alive for {@code Hub.execute} waits in
 * real time for the other thread's work; a simulation has no other thread ({@code Hub.execute} from one fails
 * there, by the hub's ban), so there that too is a deadlock. A timer that can never fire (at {@code NEVER}, such
 * as {@code pauseFor(Double.POSITIVE_INFINITY)}) is no timer: the hub does not count it, so the clock never jumps
 * to the end of time for it.
 *
 * <h2>Interrupts</h2>
 * As {@link io.greenhouse.Poller#poll}'s contract says: an interrupt of the hub's thread ends the real-time wait
 * of a plain virtual-time hub and stays set (the hub then ends the main greenlet's blocking call with
 * {@code HubInterruptedException}), and wakes the greenlets waiting on simulated sockets with
 * {@code InterruptedIOException}; unless interrupts are ignored, when the poll clears it instead.
 *
 * <h2>Hosts</h2>
 * A socket belongs to the host of the greenlet that opens it ({@link HostLife}); binding the wildcard address
 * (or a loopback one) means the host's own address, and so does connecting to a loopback address.
 *
 * <h2>Partial runs</h2>
 * With {@link #wakeAtQuiescence} set, the first poll that would move the clock after any greenlet turn wakes
 * that greenlet (the main one, in {@code runUntil}) instead, so it can check its condition at each point where
 * the current instant's work is done.
 *
 * <p>Threading: hub thread only, except {@link #wakeup()} and {@link #abort(String)}.
 */
public final class SimulatedPoller extends Transport implements Poller {
    /** No deadline. */
    public static final long NONE = Long.MAX_VALUE;

    private final VirtualClock clock;          // immutable
    private final Network network;             // immutable; null for a hub with timers only
    private final SeededRandom wakeOrder;      // hub thread; null: wakeups in the order they were caused
    private final TraceLog trace;              // immutable; null: no trace
    private final String owner;                // immutable; "the simulation (seed 0x..)", for messages
    private final List<NetObject> ready = new ArrayList<>();         // hub thread; scratch for dispatch
    private Loop loop;                         // hub thread; the hub's engine, found at the first poll
    private volatile Thread thread;            // set once by attach; read by wakeup on any thread
    private long limitNanos = NONE;            // hub thread; the virtual time limit
    private Greenlet quiescenceWaiter;         // hub thread; woken before the clock moves, or null
    private boolean checkedAtQuiescence;       // hub thread; the waiter was woken and nothing ran since
    private boolean released;                  // hub thread; the owner closes the hub: no more stops
    private boolean polling;                   // hub thread; inside poll: deliveries belong to no greenlet
    private Runnable onTakeover;               // hub thread; told when another harness hub takes the thread
    private volatile String abortReason;       // any thread; the next poll stops the run
    private volatile boolean wakeupPending;    // any thread; for the idle wait of a plain hub

    /**
     * A poller for {@code clock}.
     *
     * @param clock     the clock it moves
     * @param network   the simulated network, or null for timers only ({@code @GreenhouseTest})
     * @param wakeOrder the stream that permutes the wakeups of one poll, or null for their own order
     * @param trace     where clock moves are recorded, or null
     * @param owner     what runs on it, for messages: {@code "the simulation (seed 0x2a)"}
     */
    public SimulatedPoller(VirtualClock clock, Network network, SeededRandom wakeOrder, TraceLog trace, String owner) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.network = network;
        this.wakeOrder = wakeOrder;
        this.trace = trace;
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public void attach(Hub hub) {
        super.attach(hub);
        this.thread = hub.thread();
    }

    // ------------------------------------------------------------------------------------------------
    // The poll

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        polling = true;
        try {
            pollNanos(timeoutNanos, ignoreInterrupts);
            afterPoll(ignoreInterrupts);   // an interrupt wakes simulated socket waiters as a real poller's does
        } finally {
            polling = false;
        }
    }

    private void pollNanos(long timeoutNanos, boolean ignoreInterrupts) {
        checkStops();
        long now = clock.epochNanos();
        // What is due now, and wakeups queued by the greenlets' own socket calls, come first.
        if (deliver(now) || timeoutNanos == 0) {
            return;
        }
        if (quiescenceWaiter != null && !checkedAtQuiescence) {
            checkedAtQuiescence = true;
            GreenLockSupport.unpark(quiescenceWaiter);
            return;
        }
        long timer = timeoutNanos < 0 ? NONE : saturatedAdd(now, timeoutNanos);
        long event = network == null ? NONE : network.nextEventTime();
        long target = Math.min(timer, event);
        if (target == NONE) {
            idle(ignoreInterrupts);
            return;
        }
        if (target > limitNanos) {
            if (limitNanos > now) {
                moveTo(now, limitNanos, "time limit");
            }
            throw new SimulationStop(SimulationStop.Kind.TIME_LIMIT, "the virtual time limit was reached");
        }
        moveTo(now, target, target == event ? "network" : "timer");
        deliver(target);
    }

    private void moveTo(long now, long target, String why) {
        clock.advanceTo(Instant.ofEpochSecond(0, target));
        checkedAtQuiescence = false;
        if (trace != null) {
            StringBuilder sb = new StringBuilder("+");
            TraceLog.appendTime(sb, target - now);
            trace.append(target, "clock", null, null, sb.append(" to ").append(why).toString());
        }
    }

    /** Makes the network events due by {@code now} happen and dispatches the wakeups; true if any was dispatched. */
    private boolean deliver(long now) {
        if (network == null) {
            return false;
        }
        if (network.deliverDue(now) > 0) {
            checkedAtQuiescence = false;
        }
        network.takeWakeups(ready);
        if (ready.isEmpty()) {
            return false;
        }
        if (wakeOrder != null && ready.size() > 1) {
            wakeOrder.shuffle(ready);
        }
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).dispatch();
        }
        ready.clear();
        return true;
    }

    /**
     * No timer that can fire (the hub passes a timer at {@code NEVER} as none) and nothing in flight: a deadlock,
     * unless a plain hub waits for another thread's work. That wait ends at an interrupt of the thread, whose
     * status stays set so that the hub ends the main greenlet's blocking call; with {@code ignoreInterrupts} the
     * status is cleared and the wait goes on.
     */
    private void idle(boolean ignoreInterrupts) {
        if (network != null || super.hasPendingWork()) {
            throw new DeadlockException(HarnessHooks.describeWaiting(loop(), "deadlock: nothing can ever happen again in "
                    + owner
                    + ": no greenlet is runnable, no timer that can fire is set and no message is in flight."));
        }
        // A plain virtual-time hub kept alive: wait for the other thread's Hub.execute, in real time.
        while (!wakeupPending && abortReason == null) {
            if (Thread.currentThread().isInterrupted()) {
                if (!ignoreInterrupts) {
                    return;
                }
                Thread.interrupted();
            }
            LockSupport.park(this);
        }
        wakeupPending = false;
    }

    private void checkStops() {
        if (released) {
            return;
        }
        String abort = abortReason;
        if (abort != null) {
            abortReason = null;
            throw new SimulationStop(SimulationStop.Kind.ABORTED, abort);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? NONE : r;
    }

    /** Wakes the hub's thread from a real-time idle wait ({@code Hub.execute} into a plain virtual-time hub). */
    @Override
    public void wakeup() {
        wakeupPending = true;
        unparkOwner();
    }

    private void unparkOwner() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Network events or wakeups pending, greenlets waiting on simulated handles, or a stop asked for. */
    @Override
    public boolean hasPendingWork() {
        return (network != null && network.hasPendingWork()) || super.hasPendingWork()
                || (!released && abortReason != null);
    }

    /** {@code "read"} or {@code "write"}: the handle itself is the greenlet's blocker, which the report names. */
    @Override
    public String describeWait(Greenlet greenlet) {
        String d = super.describeWait(greenlet);
        int on = d == null ? -1 : d.indexOf(" on ");
        return on < 0 ? d : d.substring(0, on);
    }

    private Loop loop() {
        if (loop == null) {
            loop = Loop.existing();
        }
        return loop;
    }

    @Override
    protected void closeResources() {
        // Nothing outside the simulation's memory.
    }

    // ------------------------------------------------------------------------------------------------
    // The transport: sockets of the running greenlet's host

    @Override
    public StreamHandle openStream(InetSocketAddress remote) throws IOException {
        return new SimStream(this, hostOfCaller("a socket"));
    }

    @Override
    public ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException {
        HostLife life = hostOfCaller("a listener");
        checkAlive(life);
        return new SimListener(this, life, net().listen(life.host(), local(life, local), local.getPort(), backlog));
    }

    @Override
    public DatagramHandle openDatagram(InetSocketAddress local) throws IOException {
        HostLife life = hostOfCaller("a datagram socket");
        checkAlive(life);
        return new SimDatagram(this, life, net().bindDatagram(life.host(), local(life, local), local.getPort()));
    }

    @Override
    public StreamHandle[] openPipe() throws IOException {
        return SimPipe.open(this);
    }

    /** A host name of the simulation; IP literals never get here (the sockets parse them). */
    @Override
    public InetAddress resolve(String host) throws UnknownHostException {
        InetAddress a = network == null ? null : network.resolve(host);
        if (a == null) {
            throw new UnknownHostException(host + ": no host of " + owner + " has that name"
                    + (network == null ? " (a virtual-time hub has no network: use a Simulation)" : ""));
        }
        return a;
    }

    /** Runs a blocking call inline, at the current virtual instant. */
    @Override
    public <T> T call(Callable<T> task) throws IOException {
        try {
            return task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public String name() {
        return network == null ? "virtual-time" : "simulated";
    }

    /** The network; sockets need one. */
    Network net() {
        if (network == null) {
            throw new IllegalStateException("a virtual-time hub (@GreenhouseTest) has no network: run sockets in a "
                    + "Simulation (@SimulationTest), on hosts (SimHost.start)");
        }
        return network;
    }

    private HostLife hostOfCaller(String what) {
        net();
        HostLife life = HostLife.current();
        if (life == null) {
            throw new IllegalStateException("in " + owner + " " + what + " belongs to a host: open it in a greenlet "
                    + "of a host (SimHost.start, or a greenlet such a greenlet scheduled), not in "
                    + GreenLockSupport.current().name());
        }
        return life;
    }

    /** Throws if {@code life}'s host crashed since that life began. */
    void checkAlive(HostLife life) throws SocketException {
        if (!life.isCurrent()) {
            throw new SocketException("host " + life.host().name() + " crashed: its greenlets can no longer use the "
                    + "network");
        }
    }

    /** The address to bind on {@code life}'s host: the wildcard and loopback addresses mean the host's own. */
    private static InetAddress local(HostLife life, InetSocketAddress local) {
        InetAddress a = local.getAddress();
        return a == null || a.isAnyLocalAddress() || isPlainLoopback(a) ? life.host().address() : a;
    }

    /** {@code remote} as seen from {@code life}'s host: a loopback address is the host itself. */
    InetSocketAddress onHost(HostLife life, InetSocketAddress remote) {
        InetAddress a = remote.getAddress();
        return a != null && isPlainLoopback(a) ? new InetSocketAddress(life.host().address(), remote.getPort()) : remote;
    }

    /** A loopback address that is not one of the simulation's hosts (127.77.0.0/16). */
    private static boolean isPlainLoopback(InetAddress a) {
        byte[] b = a.getAddress();
        return a.isLoopbackAddress() && !(b.length == 4 && b[1] == 77);
    }

    // ------------------------------------------------------------------------------------------------
    // Control by the owner (the simulation or the @GreenhouseTest extension)

    /**
     * The virtual time (epoch nanos) past which a poll stops the run; {@link #NONE} for no limit.
     *
     * @param epochNanos the limit in epoch nanoseconds
     */
    public void setTimeLimit(long epochNanos) {
        this.limitNanos = epochNanos;
    }

    /**
     * Wakes {@code waiter} at each quiescent point instead of moving the clock; null to stop.
     *
     * @param waiter the greenlet to wake, or null
     */
    public void wakeAtQuiescence(Greenlet waiter) {
        this.quiescenceWaiter = waiter;
        this.checkedAtQuiescence = false;
    }

    /** A greenlet had a turn: the next quiescent point is a new one. Called by the owner's switch hook. */
    public void noteTurn() {
        checkedAtQuiescence = false;
    }

    /**
     * Makes the next poll stop the run with {@code reason}. Any thread may call this.
     *
     * @param reason why, for the failure message
     */
    public void abort(String reason) {
        abortReason = Objects.requireNonNull(reason, "reason");
        unparkOwner();
    }

    /**
     * {@code action} runs when another harness hub takes this poller's thread over.
     *
     * @param action what to run, or null
     */
    public void onTakeover(Runnable action) {
        this.onTakeover = action;
    }

    /** Another harness hub takes the thread: the owner is told, and the hub may be closed. */
    public void takeOver() {
        release();
        if (onTakeover != null) {
            onTakeover.run();
        }
    }

    /** The owner is about to close the hub: no more stops, so that closing runs to the end. */
    public void release() {
        released = true;
    }

    /**
     * Whether a poll is under way: what happens now happens in the network, not in a greenlet.
     *
     * @return whether a poll is under way
     */
    public boolean isPolling() {
        return polling;
    }

    /**
     * The simulated network, or null.
     *
     * @return the network, or null for a plain virtual-time hub
     */
    public Network network() {
        return network;
    }

    @Override
    public String toString() {
        return network == null ? "virtual-time poller" : "simulated poller";
    }
}
