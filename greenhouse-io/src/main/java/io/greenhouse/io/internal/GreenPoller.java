package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.internal.Loop;

/**
 * The common base of the I/O pollers of {@code greenhouse-io}: the list of open handles, the count of
 * greenlets waiting for I/O, interrupt delivery, and factories for the handles the public classes use.
 *
 * <p>Design: every descriptor is registered once, when its handle is opened, and stays registered until it
 * is closed. A greenlet that would block adds itself to its handle's reader or writer list and parks;
 * readiness reported by {@link #poll} unparks every greenlet in the matching list, in the order the events
 * arrive. Closing a handle, closing the poller, or (unless interrupts are ignored) an interrupt of the
 * hub's thread during a poll wakes the waiters too; they find out why when they resume.
 *
 * <p>Threading: every method runs on the hub's thread except {@link #wakeup()}.
 */
public abstract class GreenPoller implements Poller {
    private Hub hub;                  // hub thread only; set once by attach
    private Thread thread;            // set once by attach; the hub's thread
    private PolledHandle head;        // hub thread only; every open handle, most recent first
    private int openHandles;          // hub thread only; length of the list at head
    int waiting;                      // hub thread only; greenlets parked in PolledHandle.await
    long interruptGeneration;         // hub thread only; bumped when an interrupt wakes every waiter
    private boolean closed;           // hub thread only

    protected GreenPoller() {
    }

    /**
     * The I/O poller of the calling thread's hub.
     *
     * @throws IllegalStateException if the hub's poller cannot watch I/O (core's portable poller, or a
     *         foreign one); the message says how to fix it
     */
    public static GreenPoller current() {
        Poller p = Loop.current().poller();
        if (p instanceof GreenPoller) {
            return (GreenPoller) p;
        }
        throw new IllegalStateException("the hub of thread " + Thread.currentThread().getName()
                + " uses a poller that cannot watch I/O (" + p + "): call Scheduler.resetPoller() to install "
                + "the best greenhouse-io poller (epoll, else NIO) before creating sockets, pipes or files");
    }

    @Override
    public void attach(Hub hub) {
        if (this.hub != null && this.hub != hub) {
            throw new IllegalStateException("a poller serves one hub only: " + this + " already serves " + this.hub);
        }
        this.hub = Objects.requireNonNull(hub, "hub");
        this.thread = hub.thread();
    }

    /** The hub this poller serves. */
    public final Hub hub() {
        return hub;
    }

    /** Throws if the caller is not the hub's thread or the poller is closed. */
    final void checkThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("an I/O object of the hub of thread "
                    + (thread == null ? "?" : thread.getName()) + " was used from thread "
                    + Thread.currentThread().getName() + ": sockets, pipes and files belong to one hub");
        }
    }

    /** Whether {@link #close()} was called. */
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public boolean hasPendingWork() {
        return waiting > 0;
    }

    /** How many handles (sockets, pipes, pending calls) are open on this poller. For tests and reports. */
    public final int openHandles() {
        return openHandles;
    }

    @Override
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
     * After a poll: if the hub's thread was interrupted (the flag is cleared either way, so the loop does
     * not spin) and interrupts are not ignored, wakes every greenlet waiting for I/O; each one's I/O call
     * throws {@link java.io.InterruptedIOException}.
     */
    protected final void afterPoll(boolean ignoreInterrupts) {
        if (Thread.interrupted() && !ignoreInterrupts) {
            interruptGeneration++;
            for (PolledHandle h = head; h != null; h = h.next) {
                h.wakeAll();
            }
        }
    }

    /** Closes every open handle (waking their waiters), then the poller's own resources. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (head != null) {
            head.close();
        }
        closeResources();
    }

    /** Releases what the implementation holds (epoll fd, selector). Every handle is already closed. */
    protected abstract void closeResources();

    // ------------------------------------------------------------------------------------------------
    // Handle factories, implemented per mechanism

    /** A new unconnected, non-blocking stream socket for the family of {@code remote}. */
    public abstract StreamHandle openStream(InetSocketAddress remote) throws IOException;

    /** A listening socket bound to {@code local} with SO_REUSEADDR. */
    public abstract ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException;

    /** A datagram socket bound to {@code local}. */
    public abstract DatagramHandle openDatagram(InetSocketAddress local) throws IOException;

    /** A pipe: element 0 is the read end, element 1 the write end. */
    public abstract StreamHandle[] openPipe() throws IOException;

    /** The name of the mechanism, as {@link io.greenhouse.PollerProvider#name()}. */
    public abstract String name();

    @Override
    public String toString() {
        return name() + " poller";
    }
}
