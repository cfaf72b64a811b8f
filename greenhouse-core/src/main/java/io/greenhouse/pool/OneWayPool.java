package io.greenhouse.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenConsumer;
import io.greenhouse.Greenlet;
import io.greenhouse.GreenletExit;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.ThreadCheck;
import io.greenhouse.util.Queue;

/**
 * A fixed number of worker greenlets that run a function on every input put into the pool, discarding
 * what it returns: greenhouse's {@code OneWayPool}.
 *
 * <p>Life cycle: a new pool does nothing until {@link #start()} schedules its {@code size} workers. Each
 * worker takes inputs one at a time, first in first out, from an unbounded input queue. {@link #close()}
 * lets the queued inputs finish and then stops the workers; the pool {@linkplain #isClosed() is closed}
 * once they have taken every input and stopped. A closed pool can be started again; inputs put while it
 * is closed wait for the next start. Try-with-resources calls {@code close()}; the constructor does not
 * start the pool, so start it yourself (greenhouse's {@code with pool:} starts it on entry):
 * <pre>{@code
 * try (OneWayPool<String> pool = new OneWayPool<String>(url -> fetch(url), 4).start()) {
 *     urls.forEach(pool::put);
 *     pool.join();   // every input handled
 * }
 * }</pre>
 *
 * <p>Failures: an exception thrown by the function is passed to the exception handlers with the worker
 * greenlet, as {@link Scheduler#handleException(Throwable, Greenlet)} does, and the worker goes on with the
 * next input. With no handler registered it is treated as a greenlet's unhandled failure (see {@link Hub}):
 * logged at {@code WARNING}, or on a fail-fast hub thrown by the main greenlet's blocking call. Only
 * {@link GreenletExit} (from {@link Scheduler#end}) and {@link VirtualMachineError} stop a worker.
 *
 * <p>Threading: all methods MUST be called on the thread of the hub that was current when the pool was
 * created; other threads get {@link IllegalStateException}. The workers are greenlets of that hub.
 *
 * <p>Differences from greenhouse: {@code start()} on a running pool throws {@link IllegalStateException}
 * (greenhouse adds more workers); {@code close()} is idempotent (greenhouse queues more stop markers);
 * {@code put} takes one input (arguments are captured by the caller), and null inputs are rejected.
 *
 * @param <I> the type of inputs
 */
public sealed class OneWayPool<I> implements AutoCloseable permits Pool {
    /** Default number of workers, greenhouse's. */
    public static final int DEFAULT_SIZE = 10;

    /** Taken from the input queue by a worker: stop. */
    static final Object STOP = new Object();

    final Hub hub;                                  // immutable
    final Queue<Object> inq;                        // inputs, STOP markers, or subclass tasks
    private final GreenConsumer<I> func;            // immutable; null in subclasses, which override process
    private final int size;                         // immutable; > 0
    private boolean started;                        // hub thread only; start() called since the last close()
    private boolean closing;                        // hub thread only; close() called since the last start()
    private List<Greenlet> workers = List.of();     // hub thread only; the workers of the last start()

    /**
     * Creates a pool of {@value #DEFAULT_SIZE} workers running {@code func}; not started.
     *
     * @param func the function each worker runs on an input
     */
    public OneWayPool(GreenConsumer<I> func) {
        this(func, DEFAULT_SIZE);
    }

    /**
     * Creates a pool of {@code size} workers running {@code func}, on the current thread's hub; not
     * started.
     *
     *
     * @param func the function each worker runs on an input
     * @param size how many worker greenlets to run; at least 1
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public OneWayPool(GreenConsumer<I> func, int size) {
        this(size, Objects.requireNonNull(func, "func"));
    }

    /** For subclasses, which pass a null {@code func} and override {@link #process}. */
    OneWayPool(int size, GreenConsumer<I> func) {
        if (size <= 0) {
            throw new IllegalArgumentException("size <= 0: " + size);
        }
        this.hub = Hub.current();
        this.func = func;
        this.size = size;
        this.inq = new Queue<>();
    }

    /**
     * How many workers the pool runs.
     *
     * @return the number of workers
     */
    public int size() {
        return size;
    }

    /**
     * Starts the workers: schedules {@code size} greenlets, which run at the hub's next refill. Returns
     * this pool, for {@code try (var pool = new OneWayPool<>(f, n).start())}.
     *
     *
     * @return this pool
     * @throws IllegalStateException if it is running (started and not closed since)
     */
    public OneWayPool<I> start() {
        checkHub();
        if (started && !closing) {
            throw new IllegalStateException("pool already started");
        }
        started = true;
        closing = false;
        List<Greenlet> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(Scheduler.schedule(() -> work()));
        }
        workers = Collections.unmodifiableList(list);
        return this;
    }

    /**
     * Closes the pool: each worker stops after the inputs queued before this call. Does not wait; use
     * {@link #join()} to wait for the inputs. This is what try-with-resources calls. Closing a closed or
     * never-started pool only marks it closing.
     */
    @Override
    public void close() {
        checkHub();
        if (closing) {
            return;
        }
        closing = true;
        if (started) {
            for (int i = 0; i < size; i++) {
                inq.putNowait(STOP);
            }
        }
        closed();
    }

    /**
     * Whether {@link #close()} was called since the last {@link #start()}.
     *
     * @return true between {@link #close()} and the next {@link #start()}
     */
    public boolean isClosing() {
        checkHub();
        return closing;
    }

    /**
     * Whether it is closing and every queued input has been handled and every worker told to stop.
     *
     * @return true once it is closed and drained
     */
    public boolean isClosed() {
        checkHub();
        return closing && inq.unfinishedTasks() == 0;
    }

    /**
     * Queues {@code input} for a worker. Never blocks (the input queue is unbounded).
     *
     * @param input the input; not null
     */
    public void put(I input) {
        Objects.requireNonNull(input, "input");
        checkHub();
        inq.putNowait(task(input));
    }

    /**
     * Waits until every input queued so far has been handled.
     *
     * <p>If none is pending, returns at once. Otherwise the current greenlet is descheduled until one of:
     * the workers have handled every queued input; an exception is scheduled into it (thrown from here).
     *
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public void join() throws SuspendExecution {
        checkHub();
        inq.join();
    }

    /**
     * As {@link #join()}, waiting at most {@code timeout} seconds (negative: forever).
     *
     *
     * @param timeout the most to wait, in seconds on the hub's clock; negative: no limit; not NaN
     * @return true if every input was handled in time, false if the time ran out
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    public boolean join(double timeout) throws SuspendExecution {
        checkHub();
        return inq.join(timeout);
    }

    /**
     * The worker greenlets of the last {@link #start()}, alive or dead; empty before the first.
     *
     * @return an unmodifiable list of the workers
     */
    public List<Greenlet> workers() {
        checkHub();
        return workers;
    }

    // ------------------------------------------------------------------------------------------------
    // Extension points for Pool and OrderedPool

    /** What goes into the input queue for {@code input}. */
    Object task(I input) {
        return input;
    }

    /** Handles one task in the worker {@code worker}. */
    @SuppressWarnings("unchecked")
    void process(Object task, Greenlet worker) throws SuspendExecution {
        try {
            func.accept((I) task);
        } catch (GreenletExit | VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            Loop.current().failedInTurn(t);   // the worker's: handlers, then as an unhandled failure
        }
    }

    /** Called by close(), after the stop markers were queued. */
    void closed() {
    }

    /** Called when a worker stopped. */
    void workerStopped() {
    }

    final void checkHub() {
        ThreadCheck.check(hub.thread(), this);
        if (hub.isClosed()) {
            throw new IllegalStateException("this pool belongs to a closed hub (" + hub + ")");
        }
    }

    private void work() throws SuspendExecution {
        Greenlet me = Scheduler.current();
        for (;;) {
            Object task = inq.get();
            if (task == STOP) {
                inq.taskDone();
                workerStopped();
                return;
            }
            try {
                process(task, me);
            } finally {
                inq.taskDone();
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + size + ", " + (closing ? "closing" : started ? "running" : "new")
                + ", inputs=" + inq.qsize() + "]";
    }
}
