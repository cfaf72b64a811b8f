package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * A simulated socket (stream endpoint, listener or datagram port) that can become ready.
 *
 * <p>When the network changes what an object can do (data arrives, the window opens, a peer resets), it
 * queues a wakeup for it; the poller takes the queued wakeups after each delivery ({@link Network#takeWakeups})
 * and {@linkplain #dispatch dispatches} them, in an order the schedule may permute. Wakeups of one object
 * merge until dispatched.
 *
 * <p>Threading: the simulation's thread only.
 */
public abstract class NetObject {
    /** Readiness to read (or accept). */
    public static final int READ = 1;
    /** Readiness to write (or finish connecting). */
    public static final int WRITE = 2;

    final Network net;            // immutable
    final NetHost host;           // immutable; the host it lives on
    final int incarnation;        // immutable; the host's incarnation when it was made
    private Readiness listener;   // owner thread; may be null
    int pendingOps;               // owner thread; wakeups queued and not dispatched
    boolean vanished;             // owner thread; its host crashed: it is gone without a trace
    boolean closed;               // owner thread; close() was called (set once, by close or abort)

    NetObject(Network net, NetHost host) {
        this.net = net;
        this.host = host;
        this.incarnation = host.incarnation;
    }

    /**
     * Who is told when this object may have become ready; null for nobody.
     *
     * @param listener the listener, or null
     */
    public final void setListener(Readiness listener) {
        this.listener = listener;
    }

    /**
     * The host it lives on.
     *
     * @return its host
     */
    public final NetHost host() {
        return host;
    }

    /**
     * Whether its host crashed after it was made: it no longer exists.
     *
     * @return whether it vanished
     */
    public final boolean isVanished() {
        return vanished;
    }

    /**
     * Whether it is open: not closed, and its host did not crash.
     *
     * @return whether it is open
     */
    public final boolean isOpen() {
        return !closed && !vanished;
    }

    /** Closes it (see each kind for what its peers see); closing twice, or after a crash, does nothing. */
    public final void close() {
        if (closed || vanished) {
            closed = true;
            return;
        }
        closed = true;
        onClose();
    }

    /** What closing does, once, while the host is up: tell peers, free the port, wake waiters. */
    abstract void onClose();

    /**
     * Throws if this object can no longer be used: {@link SocketException} if its host crashed,
     * {@link ClosedChannelException} if it was closed.
     */
    final void checkUsable() throws IOException {
        if (vanished) {
            throw new SocketException("host " + host.name + " crashed: its sockets are gone");
        }
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** Queues a wakeup with {@code ops}. */
    final void wake(int ops) {
        net.queueWakeup(this, ops);
    }

    /** Tells the listener about the queued wakeup and forgets it. */
    public final void dispatch() {
        int ops = pendingOps;
        pendingOps = 0;
        if (ops != 0 && listener != null) {
            listener.ready(ops);
        }
    }

    /** Its host crashed: it is gone. Subclasses drop their state; the wakeup tells waiters to look. */
    void vanish() {
        vanished = true;
        wake(READ | WRITE);
    }
}
