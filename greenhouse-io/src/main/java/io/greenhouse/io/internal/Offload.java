package io.greenhouse.io.internal;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Hub;

/**
 * A call that would block the hub's thread (a DNS lookup, a read of a regular file), run on a small shared
 * pool of daemon threads while the calling greenlet parks.
 *
 * <p>The pending call is an open handle of the hub's {@link Transport}, and its greenlet counts as
 * waiting for I/O, so the hub waits in its poller instead of reporting a deadlock. The result is handed
 * back with {@link Hub#execute(Runnable)}, which wakes the poller. Closing the transport, an exception
 * scheduled into the greenlet, or an interrupt abandon the wait (not the call itself: a blocking call
 * cannot be taken back; its result is dropped).
 *
 * @param <T> the type of the call's result
 */
public final class Offload<T> extends PolledHandle {
    private static final ThreadPoolExecutor POOL = newPool();

    private T result;            // written by a pool thread before done is set on the hub thread
    private Throwable failure;   // likewise
    private boolean done;        // hub thread only

    private Offload(Transport transport) throws IOException {
        super(transport);
        linked();
    }

    private static ThreadPoolExecutor newPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "greenhouse-io-blocking-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Runs {@code task} as the calling thread's hub's {@link Transport} runs blocking calls
     * ({@link Transport#call}): on the blocking-call pool, or inline in a simulation.
     *
     * @param <T> the result's type
     * @param task the blocking call
     * @return what {@code task} returned
     * @throws SuspendExecution marks the method suspendable; never thrown to the caller
     * @throws IOException what {@code task} threw (anything not unchecked and not an {@code IOException} wrapped in
     *         one), or if the hub's transport closed meanwhile
     */
    public static <T> T call(Callable<T> task) throws SuspendExecution, IOException {
        return Transport.current().call(task);
    }

    /**
     * Runs {@code task} on the blocking-call pool and parks the current greenlet until it finishes; returns
     * its result or throws what it threw (an {@link IOException} or unchecked exception as is, anything
     * else wrapped in an {@code IOException}). The default of {@link Transport#call}.
     */
    static <T> T run(Transport transport, Callable<T> task) throws SuspendExecution, IOException {
        Offload<T> op = new Offload<>(transport);
        Hub hub = transport.hub();
        try {
            POOL.execute(() -> {
                try {
                    op.result = task.call();
                } catch (Throwable t) {
                    op.failure = t;
                }
                try {
                    hub.execute(op::complete);
                } catch (RejectedExecutionException closedHub) {
                    // The hub closed: nobody waits any more.
                }
            });
            while (!op.done) {
                op.await(READ, -1L);
            }
        } finally {
            op.close();
        }
        Throwable f = op.failure;
        if (f == null) {
            return op.result;
        }
        if (f instanceof IOException) {
            throw (IOException) f;
        }
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        throw new IOException(f);
    }

    private void complete() {
        done = true;
        readyToRead();
    }

    @Override
    protected void closeDescriptor() {
    }

    @Override
    public String describe() {
        return "a blocking call on the greenhouse-io pool";
    }
}
