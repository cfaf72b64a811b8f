package io.greenhouse.io.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.backend.ParkSites;

/**
 * One descriptor registered with a {@link Transport}, and the greenlets waiting for it to become
 * readable or writable. A transport's handles extend the three kinds of this class ({@link StreamHandle},
 * {@link ListenerHandle}, {@link DatagramHandle}) and call {@link #readyToRead()} / {@link #readyToWrite()}
 * when the descriptor may have become ready.
 *
 * <p>Protocol: callers first try the non-blocking operation; only when it would block do they call
 * {@link #await} (in one direction), which parks the current greenlet until the transport
 * reports readiness, the handle is closed, the timeout elapses, an interrupt wakes every I/O waiter, or an
 * exception is scheduled into the greenlet. The greenlet always leaves the waiter list on the way out,
 * whatever woke it, so a handle is never left with a stale waiter. Because the non-blocking attempt always
 * comes first, a readiness event that arrives while nobody waits is harmless (this is what makes
 * edge-triggered registration safe).
 *
 * <p>Threading: hub thread only.
 */
public abstract class PolledHandle {
    /**
     * The transport this handle is registered with.
     */
    protected final Transport transport;
    private final ArrayList<Greenlet> readers = new ArrayList<>(1); // hub thread only; parked, in park order
    private final ArrayList<Greenlet> writers = new ArrayList<>(1); // hub thread only; parked, in park order
    private boolean closed;                                          // hub thread only
    PolledHandle prev;                                               // hub thread only; transport's open list
    PolledHandle next;                                               // hub thread only; transport's open list

    /**
     * A handle of {@code transport}, not yet in its open list; the subclass registers its descriptor and then calls
     * {@link #linked()}.
     *
     * @param transport the transport that registers it and reports its readiness
     */
    protected PolledHandle(Transport transport) {
        this.transport = transport;
    }

    /**
     * Adds this handle to its transport's open list; called by subclasses once the descriptor is registered.
     *
     * @throws IOException if the transport is closed ({@link ClosedChannelException}); the subclass then closes its
     *         descriptor
     */
    protected final void linked() throws IOException {
        transport.link(this);
    }

    /**
     * Whether {@link #close()} was called (or its transport closed it).
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        return closed;
    }

    /**
     * Checks that the caller is on the hub's thread and the handle is open.
     *
     * @throws ClosedChannelException if it is closed
     */
    public final void checkOpen() throws ClosedChannelException {
        transport.checkThread(this);
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** {@link #await}'s direction: wait to read (or accept, or for an error or hangup). */
    public static final boolean READ = false;
    /** {@link #await}'s direction: wait to write (or for a connection to complete). */
    public static final boolean WRITE = true;

    /**
     * Parks the current greenlet until this handle may be ready in one direction (see the class comment).
     *
     *
     * @param direction {@link #READ} or {@link #WRITE}
     * @param timeout nanoseconds of the hub's clock to wait at most; negative: no limit
     * @throws SocketTimeoutException if the timeout elapsed
     * @throws AsynchronousCloseException if the handle was closed while waiting
     * @throws InterruptedIOException if an interrupt of the hub's thread woke every I/O waiter
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public final void await(boolean direction, long timeout) throws SuspendExecution, IOException {
        // The park call sites are called from here, not from a shared helper: every suspendable frame between
        // the greenlet's body and the park is saved and restored at each switch.
        checkOpen();
        Greenlet g = GreenLockSupport.current();
        ArrayList<Greenlet> waiters = direction == WRITE ? writers : readers;
        waiters.add(g);
        if (waiters.size() == 1) {
            interest(direction, true);
        }
        transport.waiting++;
        long generation = transport.interruptGeneration;
        boolean inTime = true;
        try {
            if (timeout < 0) {
                GreenLockSupport.park(this);
            } else {
                inTime = ParkSites.parkNanos(this, timeout);
            }
        } finally {
            leave(waiters, g, direction);
        }
        afterWait(generation, inTime);
    }

    /** The way out of a wait, whatever ended it: leaves the waiter list (the last one out drops interest). */
    private void leave(ArrayList<Greenlet> waiters, Greenlet g, boolean write) {
        transport.waiting--;
        int n = waiters.size();
        if (n == 1 && waiters.get(0) == g) {
            waiters.clear();
        } else {
            waiters.remove(g);
        }
        if (waiters.isEmpty() && !closed) {
            interest(write, false);
        }
    }

    /** Says why a wait ended, when it was not readiness. */
    private void afterWait(long generation, boolean inTime) throws IOException {
        if (closed) {
            throw new AsynchronousCloseException();
        }
        if (generation != transport.interruptGeneration) {
            throw new InterruptedIOException("interrupted while waiting for " + describe());
        }
        if (!inTime) {
            throw new SocketTimeoutException("timed out");
        }
    }

    /**
     * A timeout given to a public {@code setTimeout}, in seconds (negative: none; NaN rejected), as the
     * nanoseconds {@link #await} takes (negative: none).
     *
     *
     * @param secs seconds per wait; negative: none
     * @return nanoseconds per wait, or -1 for none
     * @throws IllegalArgumentException if {@code secs} is NaN
     */
    public static long timeoutNanos(double secs) {
        if (Double.isNaN(secs)) {
            throw new IllegalArgumentException("secs is NaN");
        }
        return secs < 0 ? -1 : HubClock.nanos(secs);
    }

    /**
     * A timeout in nanoseconds (negative: none) as the seconds a public {@code timeout()} returns (-1: none).
     *
     * @param nanos nanoseconds per wait; negative: none
     * @return seconds per wait, or -1 for none
     */
    public static double timeoutSeconds(long nanos) {
        return nanos < 0 ? -1 : HubClock.seconds(nanos);
    }

    /**
     * Turns the transport's interest in one direction on or off. Edge-triggered epoll watches both directions
     * all the time and ignores this; level-triggered NIO must, or an always-writable socket would spin.
     *
     * @param write {@link #WRITE} or {@link #READ}
     * @param on whether a greenlet now waits in that direction
     */
    protected void interest(boolean write, boolean on) {
    }

    /** Readiness to read (or accept, or an error or hangup): wakes the readers. Called by the transport. */
    protected final void readyToRead() {
        wake(readers);
    }

    /** Readiness to write (or connect, or an error or hangup): wakes the writers. Called by the transport. */
    protected final void readyToWrite() {
        wake(writers);
    }

    final void wakeAll() {
        wake(readers);
        wake(writers);
    }

    private static void wake(ArrayList<Greenlet> waiters) {
        for (int i = 0, n = waiters.size(); i < n; i++) {
            GreenLockSupport.unpark(waiters.get(i));
        }
    }

    /**
     * Closes the descriptor and unregisters it; every greenlet blocked on it wakes and its call throws
     * {@link AsynchronousCloseException}. Closing twice does nothing.
     */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        transport.unlink(this);
        try {
            closeDescriptor();
        } finally {
            wakeAll();
        }
    }

    /** Unregisters and closes the descriptor. Must not throw: failures are logged. */
    protected abstract void closeDescriptor();

    /**
     * Says what the descriptor is, for messages: {@code "fd 12"}, a channel.
     *
     * @return a short description of the descriptor
     */
    public abstract String describe();

    final String describeWait(Greenlet g) {
        if (readers.contains(g)) {
            return "read on " + describe();
        }
        if (writers.contains(g)) {
            return "write on " + describe();
        }
        return null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
