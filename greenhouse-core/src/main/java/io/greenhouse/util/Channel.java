package io.greenhouse.util;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.backend.ParkSites;
import io.greenhouse.Scheduler;

/**
 * An unbuffered channel: a sender and a receiver meet to pass one item (a rendezvous, as in Go or
 * {@link java.util.concurrent.SynchronousQueue}).
 *
 * <p>{@link #send} waits until a receiver has taken its item; {@link #receive} waits until a sender offers
 * one. Senders and receivers are each served first come, first served. Every item sent successfully is
 * received exactly once; an item whose send failed (timeout, exception) is never received.
 * <pre>{@code
 * Channel<String> ch = new Channel<>();
 * Scheduler.schedule(() -> ch.send("ping"));
 * String msg = ch.receive();   // "ping"; the sender is released
 * }</pre>
 *
 * <p>Exceptions: an exception scheduled into a blocked sender is thrown from {@code send} and withdraws the
 * item, unless a receiver already took it: then {@code send} returns normally and the exception is
 * rescheduled into the sender, to be thrown from its next blocking call (as
 * {@link java.util.concurrent.SynchronousQueue} keeps an interrupt that arrives after the hand-over). An
 * exception scheduled into a blocked receiver is thrown from {@code receive}; no item is taken.
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the channel was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Greenhouse has no channel; this is an addition of the Java port.
 *
 * @param <E> the type of items
 */
public final class Channel<E> extends HubBound {
    private final ArrayDeque<Offer<E>> offers = new ArrayDeque<>();      // hub thread only; FIFO, not yet taken
    private final ArrayDeque<Greenlet> receivers = new ArrayDeque<>();   // hub thread only; FIFO, not yet woken

    private static final class Offer<E> {
        final Greenlet sender;   // immutable
        final E item;            // immutable
        boolean taken;           // hub thread only

        Offer(Greenlet sender, E item) {
            this.sender = sender;
            this.item = item;
        }
    }

    /** Creates a channel on the current thread's hub. */
    public Channel() {
    }

    /**
     * Sends {@code item}, waiting until a receiver takes it.
     *
     * <p>The current greenlet offers the item and is descheduled until one of: a receiver takes it; an
     * exception is scheduled into it (thrown from here, the item withdrawn, unless it was already taken:
     * see the class comment).
     *
     * @param item the item to hand over; not null
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void send(E item) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Greenlet me = checkHub();
        sendUntil(me, item, HubClock.NEVER);
    }

    /**
     * Sends {@code item}, waiting at most {@code timeout} seconds (negative: forever) for a receiver to
     * take it, as {@link #send(Object)} does, the timeout elapsing on the hub's clock.
     *
     *
     * @param item the item to hand over; not null
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if a receiver took the item, false if the time ran out (the item is withdrawn)
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean send(E item, double timeout) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Greenlet me = checkHub();
        return sendUntil(me, item, deadline(timeout));
    }

    /**
     * As {@link #send(Object, double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param item the item to hand over; not null
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return true if a receiver took the item, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean send(E item, Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return sendUntil(me, item, deadline(timeout));
    }

    private boolean sendUntil(Greenlet me, E item, long deadline) throws SuspendExecution {
        Offer<E> offer = new Offer<>(me, item);
        offers.addLast(offer);
        wakeReceiver();
        try {
            while (!offer.taken) {
                if (!ParkSites.parkUntil(this, deadline) && !offer.taken) {
                    return false;
                }
            }
            return true;
        } catch (Throwable t) {
            if (offer.taken) {
                Scheduler.scheduleException(t, me);   // delivered: report success, throw at the next block
                return true;
            }
            throw t;
        } finally {
            if (!offer.taken) {
                offers.remove(offer);
            }
        }
    }

    /**
     * Receives an item, waiting as long as it takes for a sender.
     *
     * <p>If a sender waits, takes its item, releases the sender and returns at once. Otherwise the current
     * greenlet is descheduled until one of: a sender offers an item; an exception is scheduled into it
     * (thrown from here; nothing is taken).
     *
     * @return the item a sender handed over
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E receive() throws SuspendExecution {
        Greenlet me = checkHub();
        return receiveUntil(me, HubClock.NEVER);
    }

    /**
     * Receives an item, waiting at most {@code timeout} seconds (negative: forever), as {@link #receive()}
     * does, the timeout elapsing on the hub's clock.
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return the item, or null if the time ran out
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E receive(double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        return receiveUntil(me, deadline(timeout));
    }

    /**
     * As {@link #receive(double)}; a negative duration is rejected with {@link IllegalArgumentException}.
     *
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return the item, or null if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E receive(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return receiveUntil(me, deadline(timeout));
    }

    private E receiveUntil(Greenlet me, long deadline) throws SuspendExecution {
        if (offers.isEmpty()) {
            receivers.addLast(me);
            boolean done = false;
            try {
                while (offers.isEmpty()) {
                    boolean inTime = ParkSites.parkUntil(this, deadline);
                    if (offers.isEmpty()) {
                        if (!inTime) {
                            return null;
                        }
                        if (!receivers.contains(me)) {
                            receivers.addFirst(me);   // woken, but another receiver took it: keep our place
                        }
                    }
                }
                done = true;
            } finally {
                receivers.remove(me);
                if (!done && !offers.isEmpty()) {
                    wakeReceiver();   // we may have consumed the wake-up meant for this offer
                }
            }
        }
        Offer<E> offer = offers.pollFirst();
        offer.taken = true;
        GreenLockSupport.unpark(offer.sender);
        return offer.item;
    }

    private void wakeReceiver() {
        Greenlet g = receivers.pollFirst();
        if (g != null) {
            GreenLockSupport.unpark(g);
        }
    }

    /** How many senders and receivers wait; for tests. */
    int waiting() {
        return offers.size() + receivers.size();
    }

    @Override
    public String toString() {
        return "Channel[senders=" + offers.size() + ", receivers=" + receivers.size() + "]";
    }
}
