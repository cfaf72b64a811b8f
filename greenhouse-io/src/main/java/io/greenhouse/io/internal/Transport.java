package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.Callable;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.ThreadCheck;

/**
 * The transport SPI of {@code greenhouse-io}: what its public sockets, listeners, datagram sockets, pipes and
 * files need from the machinery under them, and the one seam where that machinery is replaced. The epoll
 * poller ({@link EpollTransport}) and the NIO poller ({@link NioTransport}) implement it over the kernel; a
 * simulated network (greenhouse-test) implements it over virtual time. The public classes never see which.
 *
 * <h2>The seam</h2>
 * An implementation provides:
 * <ul>
 *   <li>the handle factories: {@link #openStream} (a TCP client, connected with {@link StreamHandle#connect}),
 *       {@link #openListener}, {@link #openDatagram} and {@link #openPipe}, which return subclasses of
 *       {@link StreamHandle}, {@link ListenerHandle} and {@link DatagramHandle}: non-blocking operations, plus
 *       the wake-ups {@link PolledHandle#readyToRead()} and {@link PolledHandle#readyToWrite()} that it calls when
 *       a handle may have become ready;</li>
 *   <li>name resolution, {@link #resolve} (by default the JDK's resolver, off the hub's thread);</li>
 *   <li>blocking calls, {@link #call} (regular files: by default a small pool of daemon threads);</li>
 *   <li>the waiting half of the hub's {@link Poller}: {@link #poll} and {@link #wakeup()}.</li>
 * </ul>
 * This class keeps the rest: the list of open handles, the count of greenlets waiting for I/O
 * ({@link #hasPendingWork()}), what each one waits for ({@link #describeWait}), interrupt delivery, closing.
 *
 * <p>Design: every handle is registered once, when it is opened, and stays registered until it is closed. A
 * greenlet that would block adds itself to its handle's reader or writer list and parks; readiness reported by
 * the implementation unparks every greenlet in the matching list, in the order it reports them. Closing a
 * handle, closing the transport, or (unless interrupts are ignored) an interrupt of the hub's thread during a
 * poll wakes the waiters too; they find out why when they resume.
 *
 * <p>Lookup: a transport serves one hub. Its poller {@linkplain #attach attaches} it when the hub installs that
 * poller, and from then until it is closed {@link #current()} on the hub's thread returns it. The public pollers
 * ({@code EpollPoller}, {@code NioPoller}) hold theirs by composition. A simulated network may be its own
 * poller: {@link #attach}, {@link #poll}, {@link #wakeup()}, {@link #hasPendingWork()}, {@link #describeWait}
 * and {@link #close()} have the signatures of {@link Poller}'s methods, so {@code extends Transport implements
 * Poller} needs no more code, and {@code Hub.install(clock, network)} installs it.
 *
 * <p>Threading: every method runs on the hub's thread except {@link #wakeup()}. Internal: not API.
 */
public abstract class Transport {
    /** The transport attached to each thread's hub; one hub per thread, so one transport per thread. */
    private static final ThreadLocal<Transport> ATTACHED = new ThreadLocal<>();

    private Hub hub;                  // hub thread only; set once by attach
    private Thread thread;            // set once by attach; the hub's thread
    private PolledHandle head;        // hub thread only; every open handle, most recent first
    private int openHandles;          // hub thread only; length of the list at head
    int waiting;                      // hub thread only; greenlets parked in PolledHandle.await
    long interruptGeneration;         // hub thread only; bumped when an interrupt wakes every waiter
    private boolean closed;           // hub thread only

    /**
     * A transport, not yet attached to a hub: its poller attaches it when the hub installs that poller.
     */
    protected Transport() {
    }

    /**
     * The transport of the calling thread's hub.
     *
     *
     * @return the transport attached to the calling thread's hub
     * @throws IllegalStateException if the hub's poller cannot watch I/O (core's portable poller, or a foreign
     *         one); the message says how to fix it
     */
    public static Transport current() {
        Loop loop = Loop.current();
        Transport t = ATTACHED.get();
        if (t != null && t.hub == loop.hub() && !t.closed) {
            return t;
        }
        throw new IllegalStateException("the hub of thread " + Thread.currentThread().getName()
                + " uses a poller that cannot watch I/O (" + loop.poller() + "): call Scheduler.resetPoller() to "
                + "install the best greenhouse-io poller (epoll, else NIO) before creating sockets, pipes or files");
    }

    /**
     * Attaches this transport to {@code hub}, whose thread is the calling one; its poller calls this from
     * {@link Poller#attach}. A transport serves one hub only.
     *
     * @param hub the hub whose poller this transport serves
     */
    public void attach(Hub hub) {
        if (this.hub != null && this.hub != hub) {
            throw new IllegalStateException("a poller serves one hub only: " + this + " already serves " + this.hub);
        }
        this.hub = Objects.requireNonNull(hub, "hub");
        this.thread = hub.thread();
        ATTACHED.set(this);
    }

    /**
     * The hub this transport serves, or null before it is attached.
     *
     * @return the hub, or null
     */
    public final Hub hub() {
        return hub;
    }

    /** Throws {@link IllegalStateException} if the caller is not the hub's thread; {@code subject} is named. */
    final void checkThread(Object subject) {
        ThreadCheck.check(thread, subject);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        return closed;
    }

    /**
     * {@link Poller#hasPendingWork()}: whether a greenlet waits for I/O on this transport.
     *
     * @return true if a greenlet waits in {@link PolledHandle#await}
     */
    public boolean hasPendingWork() {
        return waiting > 0;
    }

    /**
     * How many handles (sockets, pipes, pending calls) are open. For tests and reports.
     *
     * @return the number of open handles
     */
    public final int openHandles() {
        return openHandles;
    }

    /**
     * {@link Poller#describeWait}: what {@code greenlet} waits for on this transport, or null.
     *
     * @param greenlet a waiting greenlet
     * @return what it waits for, such as {@code "read on fd 12"}, or null
     */
    public String describeWait(Greenlet greenlet) {
        for (PolledHandle h = head; h != null; h = h.next) {
            String d = h.describeWait(greenlet);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    final void link(PolledHandle h) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        h.next = head;
        if (head != null) {
            head.prev = h;
        }
        head = h;
        openHandles++;
    }

    final void unlink(PolledHandle h) {
        if (h.prev != null) {
            h.prev.next = h.next;
        } else if (head == h) {
            head = h.next;
        } else {
            return;  // not linked
        }
        if (h.next != null) {
            h.next.prev = h.prev;
        }
        h.prev = null;
        h.next = null;
        openHandles--;
    }

    /**
     * After a poll: if the hub's thread is interrupted, either clears the status (interrupts are ignored) or
     * wakes every greenlet waiting for I/O, whose I/O calls throw {@link java.io.InterruptedIOException}, and
     * leaves the status set for the hub, which then ends the main greenlet's blocking call
     * ({@link Poller#poll}'s contract).
     *
     * @param ignoreInterrupts the hub's {@code setIgnoreInterrupts} flag, as the poll was given it
     */
    protected final void afterPoll(boolean ignoreInterrupts) {
        if (ignoreInterrupts) {
            Thread.interrupted();
        } else if (Thread.currentThread().isInterrupted()) {
            interruptGeneration++;
            for (PolledHandle h = head; h != null; h = h.next) {
                h.wakeAll();
            }
        }
    }

    /** Closes every open handle (waking their waiters), then the implementation's own resources. */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ATTACHED.get() == this) {
            ATTACHED.remove();
        }
        while (head != null) {
            head.close();
        }
        closeResources();
    }

    /** Releases what the implementation holds (epoll fd, selector). Every handle is already closed. */
    protected abstract void closeResources();

    // ------------------------------------------------------------------------------------------------
    // The SPI, implemented per mechanism

    /**
     * {@link Poller#poll}: waits at most {@code timeoutNanos} for readiness and wakes the greenlets it concerns.
     *
     * @param timeoutNanos the most to wait, in nanoseconds of the hub's clock: 0 only looks, negative waits until
     *         readiness or a wakeup
     * @param ignoreInterrupts whether an interrupt of the hub's thread is ignored (see {@link #afterPoll})
     */
    public abstract void poll(long timeoutNanos, boolean ignoreInterrupts);

    /** {@link Poller#wakeup()}: makes a poll under way, or the next one, return at once. Any thread. */
    public abstract void wakeup();

    /**
     * A new unconnected, non-blocking stream socket for the family of {@code remote}.
     *
     * @param remote the address it will connect to, for its family
     * @return the handle, registered and open
     * @throws IOException if the socket cannot be made
     */
    public abstract StreamHandle openStream(InetSocketAddress remote) throws IOException;

    /**
     * A listening socket bound to {@code local} with SO_REUSEADDR.
     *
     * @param local the address to bind
     * @param backlog the queue length for connections not yet accepted
     * @return the handle, registered and listening
     * @throws IOException if it cannot be bound ({@link java.net.BindException} if the address is in use)
     */
    public abstract ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException;

    /**
     * A datagram socket bound to {@code local}.
     *
     * @param local the address to bind
     * @return the handle, registered and bound
     * @throws IOException if it cannot be bound
     */
    public abstract DatagramHandle openDatagram(InetSocketAddress local) throws IOException;

    /**
     * A pipe: element 0 is the read end, element 1 the write end.
     *
     * @return the two ends, both registered
     * @throws IOException if the system cannot make a pipe
     */
    public abstract StreamHandle[] openPipe() throws IOException;

    /**
     * The address of a host name (never an IP literal: callers parse those), waiting as I/O does. By default the
     * JDK's resolver, run through {@link #call} so that DNS never blocks the hub's thread.
     *
     *
     * @param host the host name
     * @return its first address
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public InetAddress resolve(String host) throws SuspendExecution, IOException {
        try {
            return call(() -> InetAddress.getByName(host));
        } catch (UnknownHostException onResolverThread) {
            // Thrown on a pool thread, its stack says nothing of who asked: throw one made here, in the
            // calling greenlet, with the resolver's as its cause.
            UnknownHostException here = new UnknownHostException(onResolverThread.getMessage());
            here.initCause(onResolverThread);
            throw here;
        }
    }

    /**
     * Runs a call that would block the hub's thread (a read of a regular file, a DNS lookup) and returns its
     * result, parking the calling greenlet meanwhile. By default it runs on a small shared pool of daemon
     * threads ({@link Offload}); a simulation runs it inline, at one virtual instant.
     *
     * @param <T> the result's type
     * @param task the blocking call
     * @return what {@code task} returned
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException what {@code task} threw (anything not unchecked and not an {@code IOException} wrapped in
     *         one), or if the transport closed meanwhile
     */
    public <T> T call(Callable<T> task) throws SuspendExecution, IOException {
        return Offload.run(this, task);
    }

    /**
     * The name of the mechanism, as {@link io.greenhouse.PollerProvider#name()}.
     *
     * @return the name, such as {@code "epoll"}
     */
    public abstract String name();

    @Override
    public String toString() {
        return name() + " poller";
    }
}
