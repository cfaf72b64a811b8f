package io.greenhouse.util;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.internal.HubClock;
import io.greenhouse.internal.backend.ParkSites;
import io.greenhouse.Scheduler;

/**
 * A first-in-first-out queue that greenlets can block on: greenhouse's {@code Queue}, the greenlet twin of
 * Python's {@code Queue.Queue} and of {@link java.util.concurrent.BlockingQueue}.
 *
 * <p>{@code get} waits while the queue is empty; {@code put} waits while it holds {@code maxsize} items
 * (0 = unbounded). Non-blocking and timed calls that cannot complete throw {@link Empty} or {@link Full}.
 * Task tracking: each {@code put} opens a task, {@link #taskDone()} closes one, and {@link #join()} waits
 * until all are closed. {@link LifoQueue} and {@link PriorityQueue} change only the order items come out.
 * <pre>{@code
 * Queue<String> jobs = new Queue<>();
 * Scheduler.schedule(() -> {
 *     for (;;) {
 *         handle(jobs.get());
 *         jobs.taskDone();
 *     }
 * });
 * jobs.put("a");
 * jobs.join();
 * }</pre>
 *
 * <p>Blocked getters and putters wait in FIFO order, each kind in its own line. A {@code put} wakes the
 * first waiting getter, a {@code get} the first waiting putter; the woken greenlet is
 * {@linkplain Scheduler#schedule(Greenlet) scheduled} (as greenhouse does), so it runs after the greenlets
 * already runnable. A woken greenlet re-checks the queue: if another greenlet took the item or the slot
 * first, it waits again at the head of its line. Items are never null.
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the queue was
 * created; other threads get {@link IllegalStateException}.
 *
 * <p>Differences from greenhouse: {@link #join()} on a queue without open tasks returns at once (greenhouse
 * blocks); a getter whose item was taken by another greenlet waits again (greenhouse fails with
 * {@code IndexError}); timed {@code join} returns true when the tasks were done; a waiter that leaves with
 * an exception passes its wake-up on; {@code taskDone} too often throws {@link IllegalStateException}
 * (greenhouse: {@code ValueError}).
 *
 * @param <E> the type of items
 */
public sealed class Queue<E> extends HubBound permits LifoQueue, PriorityQueue {
    private final int maxsize;                                   // immutable; 0 = unbounded
    private final java.util.Queue<E> items;                      // hub thread only
    private final ArrayDeque<Greenlet> getters = new ArrayDeque<>(); // hub thread only; FIFO, not yet woken
    private final ArrayDeque<Greenlet> putters = new ArrayDeque<>(); // hub thread only; FIFO, not yet woken
    private int openTasks;                                       // hub thread only; puts minus taskDone()s
    private final Event allDone;                                 // set while openTasks == 0

    /** Thrown by a {@code get} that finds no item: non-blocking, or the time ran out. */
    public static class Empty extends NoSuchElementException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public Empty() {
            super("queue is empty");
        }
    }

    /** Thrown by a {@code put} that finds no room: non-blocking, or the time ran out. */
    public static class Full extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public Full() {
            super("queue is full");
        }
    }

    /** Creates an unbounded queue on the current thread's hub. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue holding at most {@code maxsize} items on the current thread's hub.
     *
     * @param maxsize the capacity; 0 means unbounded
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    Queue(int maxsize, java.util.Queue<E> items) {
        if (maxsize < 0) {
            throw new IllegalArgumentException("maxsize < 0: " + maxsize);
        }
        this.maxsize = maxsize;
        this.items = items;
        this.allDone = new Event();
        this.allDone.set();
    }

    /**
     * The capacity; 0 means unbounded.
     *
     * @return the most items it holds, or 0
     */
    public int maxsize() {
        return maxsize;
    }

    /**
     * How many items it holds.
     *
     * @return the number of items in it now
     */
    public int qsize() {
        checkHub();
        return items.size();
    }

    /**
     * Whether it holds no item.
     *
     * @return true if a {@link #getNowait()} would throw {@link Empty}
     */
    public boolean empty() {
        checkHub();
        return items.isEmpty();
    }

    /**
     * Whether it is bounded and holds {@code maxsize} items.
     *
     * @return true if a {@link #putNowait(Object)} would throw {@link Full}
     */
    public boolean full() {
        checkHub();
        return isFull();
    }

    /**
     * How many tasks were put and not yet marked done with {@link #taskDone()}.
     *
     * @return the number of items put and not yet marked done
     */
    public int unfinishedTasks() {
        checkHub();
        return openTasks;
    }

    /**
     * Adds {@code item}, waiting as long as it takes for room.
     *
     * <p>If the queue is not full, adds it and returns at once. Otherwise the current greenlet is
     * descheduled until one of: a {@code get} makes room for it (putters are served first come, first
     * served); an exception is scheduled into it (thrown from here; the item is not added).
     *
     * @param item the item to add; not null
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void put(E item) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Greenlet me = checkHub();
        putUntil(me, item, true, HubClock.NEVER);
    }

    /**
     * Adds {@code item}: without waiting if {@code block} is false, else waiting at most {@code timeout}
     * seconds for room (negative: forever) as {@link #put(Object)} does, the timeout elapsing on the hub's
     * clock.
     *
     *
     * @param item the item to add; not null
     * @param block whether to wait for room
     * @param timeout when waiting, the most to wait in seconds on the hub's clock; negative: no limit; not NaN
     * @throws Full if there was no room in time (the item is not added)
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void put(E item, boolean block, double timeout) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Greenlet me = checkHub();
        putUntil(me, item, block, deadline(timeout));
    }

    /**
     * As {@link #put(Object, boolean, double)} with {@code block} true; a negative duration is rejected.
     *
     * @param item the item to add; not null
     * @param timeout the most to wait, on the hub's clock; not negative
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void put(E item, Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        putUntil(me, item, true, deadline(timeout));
    }

    private void putUntil(Greenlet me, E item, boolean block, long deadline) throws SuspendExecution {
        if (isFull()) {
            if (!block) {
                throw new Full();
            }
            awaitRoom(me, deadline);
        }
        if (openTasks++ == 0) {
            allDone.clear();
        }
        items.add(item);
        wakeFirst(getters);
    }

    /**
     * Adds {@code item} if there is room, without waiting.
     *
     *
     * @param item the item to add; not null
     * @throws Full if the queue is full
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        checkHub();
        if (isFull()) {
            throw new Full();
        }
        if (openTasks++ == 0) {
            allDone.clear();
        }
        items.add(item);
        wakeFirst(getters);
    }

    /**
     * Removes and returns the next item, waiting as long as it takes for one.
     *
     * <p>If the queue holds an item, returns it at once. Otherwise the current greenlet is descheduled
     * until one of: a {@code put} gives it an item (getters are served first come, first served); an
     * exception is scheduled into it (thrown from here; no item is taken).
     *
     * @return the next item, by this queue's order
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E get() throws SuspendExecution {
        Greenlet me = checkHub();
        return getUntil(me, true, HubClock.NEVER);
    }

    /**
     * Removes and returns the next item: without waiting if {@code block} is false, else waiting at most
     * {@code timeout} seconds (negative: forever) as {@link #get()} does, the timeout elapsing on the hub's
     * clock.
     *
     *
     * @param block whether to wait for an item
     * @param timeout when waiting, the most to wait in seconds on the hub's clock; negative: no limit; not NaN
     * @return the next item, by this queue's order
     * @throws Empty if there was no item in time
     * @throws IllegalArgumentException if {@code timeout} is NaN
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E get(boolean block, double timeout) throws SuspendExecution {
        Greenlet me = checkHub();
        return getUntil(me, block, deadline(timeout));
    }

    /**
     * As {@link #get(boolean, double)} with {@code block} true; a negative duration is rejected.
     *
     * @param timeout the most to wait, on the hub's clock; not negative
     * @return the next item, by this queue's order
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public E get(Duration timeout) throws SuspendExecution {
        Objects.requireNonNull(timeout, "timeout");
        Greenlet me = checkHub();
        return getUntil(me, true, deadline(timeout));
    }

    private E getUntil(Greenlet me, boolean block, long deadline) throws SuspendExecution {
        if (items.isEmpty()) {
            if (!block) {
                throw new Empty();
            }
            awaitItem(me, deadline);
        }
        E item = items.remove();
        wakeFirst(putters);
        return item;
    }

    /**
     * Removes and returns the next item, without waiting.
     *
     *
     * @return the next item, by this queue's order
     * @throws Empty if the queue is empty
     */
    public E getNowait() {
        checkHub();
        if (items.isEmpty()) {
            throw new Empty();
        }
        E item = items.remove();
        wakeFirst(putters);
        return item;
    }

    /**
     * Marks one task done; when none is left open, wakes every greenlet in {@link #join()}.
     *
     * @throws IllegalStateException if no task is open (called more times than {@code put})
     */
    public void taskDone() {
        checkHub();
        if (openTasks == 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        if (--openTasks == 0) {
            allDone.set();
        }
    }

    /**
     * Waits until every task put so far is marked done.
     *
     * <p>If no task is open, returns at once. Otherwise the current greenlet is descheduled until one of:
     * the last open task is marked done; an exception is scheduled into it (thrown from here).
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void join() throws SuspendExecution {
        checkHub();
        allDone.await();
    }

    /**
     * Waits at most {@code timeout} seconds (negative: forever) until every task is marked done, as
     * {@link #join()} does.
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if all tasks were done in time, false if the time ran out (greenhouse returns the
     *         opposite)
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean join(double timeout) throws SuspendExecution {
        checkHub();
        return allDone.await(timeout);
    }

    // ------------------------------------------------------------------------------------------------

    private boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    private void awaitItem(Greenlet me, long deadline) throws SuspendExecution {
        getters.addLast(me);
        boolean done = false;
        try {
            while (items.isEmpty()) {
                boolean inTime = ParkSites.parkUntil(this, deadline);
                if (items.isEmpty()) {
                    if (!inTime) {
                        throw new Empty();
                    }
                    keepPlace(getters, me);
                }
            }
            done = true;
        } finally {
            getters.remove(me);
            if (!done && !items.isEmpty()) {
                wakeFirst(getters);   // we may have consumed the wake-up meant for this item
            }
        }
    }

    private void awaitRoom(Greenlet me, long deadline) throws SuspendExecution {
        putters.addLast(me);
        boolean done = false;
        try {
            while (isFull()) {
                boolean inTime = ParkSites.parkUntil(this, deadline);
                if (isFull()) {
                    if (!inTime) {
                        throw new Full();
                    }
                    keepPlace(putters, me);
                }
            }
            done = true;
        } finally {
            putters.remove(me);
            if (!done && !isFull()) {
                wakeFirst(putters);
            }
        }
    }

    /** A woken waiter that must wait again goes back to the head of its line, where it was. */
    private static void keepPlace(ArrayDeque<Greenlet> line, Greenlet me) {
        if (!line.contains(me)) {
            line.addFirst(me);
        }
    }

    private static void wakeFirst(ArrayDeque<Greenlet> line) {
        Greenlet g = line.pollFirst();
        if (g != null) {
            Scheduler.schedule(g);
        }
    }

    /** How many greenlets wait to get and to put; for tests. */
    final int waiting() {
        return getters.size() + putters.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + items.size() + (maxsize > 0 ? "/" + maxsize : "")
                + ", getters=" + getters.size() + ", putters=" + putters.size() + "]";
    }
}
