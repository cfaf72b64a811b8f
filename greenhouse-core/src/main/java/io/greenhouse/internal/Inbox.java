package io.greenhouse.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A hub's one thread-safe entry: tasks handed over with {@code Hub.execute} from any thread, taken by the loop
 * at each refill. Lock-free ({@link ConcurrentLinkedQueue}).
 *
 * <p>Closing protocol, so that no task is lost without a word: {@link #shutDown()} makes later submissions
 * fail with {@link RejectedExecutionException}; a submission racing it re-checks after queueing, and if the
 * task is still in the queue it takes it back and throws. So every task either is taken by the hub (which runs
 * it) or is refused, never both and never neither; the hub takes its last look after {@code shutDown()}.
 *
 * <p>Threading: {@link #submit} from any thread; the rest on the hub's thread.
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>(); // any thread
    private final Thread owner;                 // immutable; the hub's thread
    private volatile boolean shutdown;          // written on the hub thread; close() began
    private volatile String foreignBan;         // written on the hub thread; why other threads may not submit

    Inbox(Thread owner) {
        this.owner = owner;
    }

    /**
     * Queues {@code task}; returns whether it came from another thread than the hub's (whose poller must then
     * be woken).
     *
     * @throws RejectedExecutionException if the hub is closing or closed
     * @throws IllegalStateException from another thread while submissions from elsewhere are banned
     */
    boolean submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        boolean foreign = Thread.currentThread() != owner;
        if (foreign) {
            String ban = foreignBan;
            if (ban != null) {
                throw new IllegalStateException("Hub.execute from thread " + Thread.currentThread().getName()
                        + " into the hub of thread " + owner.getName() + ": " + ban);
            }
        }
        if (shutdown) {
            throw rejected();
        }
        tasks.add(task);
        // The hub may have taken its last look before the add: then the task is still here and this thread
        // takes it back. If the hub took it, it runs.
        if (shutdown && tasks.remove(task)) {
            throw rejected();
        }
        return foreign;
    }

    private RejectedExecutionException rejected() {
        return new RejectedExecutionException("the hub of thread " + owner.getName() + " is closed (or closing): "
                + "the task was not run");
    }

    /** The next task, or null. */
    Runnable poll() {
        return tasks.poll();
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** From now on submissions are refused; the hub takes its last look at the queue after this. */
    void shutDown() {
        shutdown = true;
    }

    /** Bans (or, with null, allows again) submissions from other threads, with {@code reason} as the message. */
    void banForeign(String reason) {
        foreignBan = reason;
    }
}
