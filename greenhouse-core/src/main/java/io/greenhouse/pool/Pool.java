package io.greenhouse.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenFunction;
import io.greenhouse.Greenlet;
import io.greenhouse.GreenletExit;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.Sneaky;
import io.greenhouse.util.Queue;

/**
 * A fixed number of worker greenlets that run a function on every input and queue its results:
 * greenhouse's {@code Pool}.
 *
 * <p>As {@link OneWayPool} (life cycle, input queue, {@code close}, {@code join}), and every result goes
 * to an output queue read by {@link #get()}. Results come out in the order the workers finish, which is
 * input order only when the function never blocks; {@link OrderedPool} keeps input order.
 * <pre>{@code
 * try (Pool<String, Integer> pool = new Pool<String, Integer>(s -> s.length(), 4).start()) {
 *     for (String s : words) {
 *         pool.put(s);
 *     }
 *     for (int i = 0; i < words.size(); i++) {
 *         total += pool.get();
 *     }
 * }
 * }</pre>
 *
 * <p>Failures: an exception thrown by the function for an input becomes that input's result: the
 * {@code get()} that receives it rethrows it, the same instance, unwrapped (checked ones too), as
 * greenhouse re-raises it; it is not passed to the exception handlers. The worker goes on.
 *
 * <p>Iteration: the pool is an {@link Iterable} of results; the iterator calls {@code get()} until
 * {@link PoolClosed}. {@link Iterator#hasNext()} cannot suspend a greenlet (its signature is not
 * suspendable), so iterate only from the main greenlet (plain thread code, where it runs the loop); in a
 * greenlet, loop over {@code get()} until {@code PoolClosed}.
 *
 * <p>Threading: as {@link OneWayPool}.
 *
 * <p>Differences from greenhouse: greenlets blocked in {@code get()} when the pool becomes closed
 * (the last worker stopped and no result is left) get {@link PoolClosed} instead of waiting forever;
 * {@code close()} forgets those it woke (greenhouse wakes them again spuriously on the next result).
 *
 * @param <I> the type of inputs
 * @param <O> the type of results
 */
public sealed class Pool<I, O> extends OneWayPool<I> implements Iterable<O> permits OrderedPool {
    private final GreenFunction<I, O> func;                      // immutable
    final Queue<Result> outq = new Queue<>();                    // results in completion order
    private final ArrayList<Greenlet> getters = new ArrayList<>(); // hub thread only; blocked in get()
    private long inputs;                                         // hub thread only; inputs put so far

    /** An input and its position. */
    static final class Task {
        final long index;   // immutable
        final Object input; // immutable

        Task(long index, Object input) {
            this.index = index;
            this.input = input;
        }
    }

    /** The result of one input: a value or a failure. */
    static final class Result {
        final long index;        // immutable
        final Object value;      // immutable
        final Throwable failure; // immutable; null on success

        Result(long index, Object value, Throwable failure) {
            this.index = index;
            this.value = value;
            this.failure = failure;
        }
    }

    /**
     * Creates a pool of {@value #DEFAULT_SIZE} workers running {@code func}; not started.
     *
     * @param func the function each worker applies to an input
     */
    public Pool(GreenFunction<I, O> func) {
        this(func, DEFAULT_SIZE);
    }

    /**
     * Creates a pool of {@code size} workers running {@code func}, on the current thread's hub; not
     * started.
     *
     *
     * @param func the function each worker applies to an input
     * @param size how many worker greenlets to run; at least 1
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public Pool(GreenFunction<I, O> func, int size) {
        super(size, null);
        this.func = Objects.requireNonNull(func, "func");
    }

    /** Starts the workers, as {@link OneWayPool#start()}; returns this pool. */
    @Override
    public Pool<I, O> start() {
        super.start();
        return this;
    }

    /**
     * Closes the pool, as {@link OneWayPool#close()}, and throws {@link PoolClosed} into every greenlet
     * blocked in {@link #get()} (greenhouse does the same, even if queued inputs will still produce
     * results; those stay available to later calls).
     */
    @Override
    public void close() {
        super.close();
    }

    /** Whether it is closed, as {@link OneWayPool#isClosed()}, and every result has been taken. */
    @Override
    public boolean isClosed() {
        return super.isClosed() && outq.empty();
    }

    /**
     * Takes the next result.
     *
     * <p>If a result is ready, returns it at once (or rethrows the failure it holds). Otherwise the current
     * greenlet is descheduled until one of: a worker produces a result (getters are served first come,
     * first served); the pool is closed ({@link PoolClosed} is thrown into it); an exception is scheduled
     * into it (thrown from here).
     *
     *
     * @return the next result, in completion order
     * @throws PoolClosed if the pool is closed and every result was taken, or if it is closed meanwhile
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     */
    @SuppressWarnings("unchecked")
    public O get() throws SuspendExecution {
        checkHub();
        if (isClosed()) {
            throw new PoolClosed();
        }
        Result r = nextResult();
        if (r.failure != null) {
            throw Sneaky.rethrow(r.failure);
        }
        return (O) r.value;
    }

    /**
     * The results, taken with {@link #get()} until {@link PoolClosed}. Use it from the main greenlet only
     * (see the class comment); a failed input's exception is thrown from {@code hasNext()}.
     */
    @Override
    public Iterator<O> iterator() {
        return new Iterator<O>() {
            private O next;
            private boolean ready;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (!ready && !done) {
                    try {
                        next = getOnMainGreenlet();
                        ready = true;
                    } catch (PoolClosed e) {
                        done = true;
                    }
                }
                return ready;
            }

            @Override
            public O next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                O value = next;
                next = null;
                return value;
            }
        };
    }

    // ------------------------------------------------------------------------------------------------

    /** The next result to hand out; OrderedPool reorders. */
    Result nextResult() throws SuspendExecution {
        return take();
    }

    /** Takes a result from the output queue, as a registered getter that close() can fail. */
    final Result take() throws SuspendExecution {
        Greenlet me = Scheduler.current();
        getters.add(me);
        try {
            return outq.get();
        } finally {
            getters.remove(me);
        }
    }

    @Override
    Object task(I input) {
        return new Task(inputs++, input);
    }

    @Override
    @SuppressWarnings("unchecked")
    void process(Object task, Greenlet worker) throws SuspendExecution {
        Task t = (Task) task;
        O value = null;
        Throwable failure = null;
        try {
            // Into a local first: Quasar cannot suspend with an uninitialized `new Result` on the stack.
            value = func.apply((I) t.input);
        } catch (GreenletExit | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            failure = e;
        }
        outq.putNowait(new Result(t.index, value, failure));
    }

    @Override
    void closed() {
        failGetters();
    }

    @Override
    void workerStopped() {
        if (isClosed()) {
            failGetters();
        }
    }

    private void failGetters() {
        for (Greenlet g : new ArrayList<>(getters)) {
            if (!g.isDead()) {
                Scheduler.scheduleException(new PoolClosed(), g);
            }
        }
        getters.clear();
    }

    private O getOnMainGreenlet() {
        checkHub();
        if (Scheduler.current() != Scheduler.mainGreenlet()) {
            throw new IllegalStateException("iterate over a pool only from the main greenlet: Iterator.hasNext "
                    + "cannot suspend a greenlet; in a greenlet, loop over get() until PoolClosed");
        }
        try {
            return get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            // A checked failure of the function, rethrown unwrapped as get() does. On the main greenlet
            // get() never suspends a fiber, so this is never Quasar's SuspendExecution.
            throw Sneaky.rethrow(e);
        }
    }
}
