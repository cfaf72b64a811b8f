package io.greenhouse.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

import io.greenhouse.Hub;

/**
 * Netty's {@link EpollIoHandler} driven by a hub: the wait, the registrations and the wakeup of the epoll
 * poller.
 *
 * <p>Every descriptor is added once with {@code EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET} and never modified:
 * edge-triggered readiness needs no {@code epoll_ctl} per park, because greenlets always try the operation
 * before they wait. {@link #run} is one {@code epoll_wait} (with Netty's timerfd for sub-millisecond
 * deadlines) whose events call back into the handles, in the order the kernel reports them.
 *
 * <p>Threading: hub thread only, except {@link #wakeup()}.
 */
final class EpollEngine {
    /** Edge-triggered, both directions, peer half-close. */
    static final EpollIoOps OPS = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT).with(EpollIoOps.EPOLLRDHUP)
            .with(EpollIoOps.EPOLLET);
    private static final int SCRATCH_SIZE = 64 * 1024;

    private final IoHandler handler;            // immutable
    private final Context context = new Context();
    private final InterruptWakeup interruptWakeup;
    private ByteBuffer scratch;                 // hub thread only; direct, lazily made; for heap buffers
    /**
     * Set by {@link #wakeup()} before it pokes Netty, cleared by the hub after each wait. Netty skips the
     * eventfd write when it believes the loop is awake, and re-asks {@link Context#canBlock()} after it
     * announces that it is going to sleep; this flag is what that second question sees, so a wakeup that
     * lands just before the wait is never lost.
     */
    private volatile boolean wakeupPending;

    /** Creates the epoll fd, eventfd and timerfd for the hub of {@code thread}. */
    EpollEngine(Hub hub) {
        Thread owner = hub.thread();
        ThreadAwareExecutor executor = new ThreadAwareExecutor() {
            @Override
            public boolean isExecutorThread(Thread thread) {
                return thread == owner;
            }

            @Override
            public void execute(Runnable task) {
                hub.execute(task);
            }
        };
        handler = EpollIoHandler.newFactory().newHandler(executor);
        handler.initialize();
        interruptWakeup = new InterruptWakeup(handler::wakeup);
    }

    /**
     * Waits for readiness at most {@code timeoutNanos} (0: do not wait; negative: until readiness or a
     * wakeup or an interrupt), dispatching events to the handles.
     */
    void run(long timeoutNanos) {
        if (timeoutNanos == 0) {
            context.canBlock = false;
            handler.run(context);
            wakeupPending = false;
            return;
        }
        context.canBlock = true;
        context.deadline = timeoutNanos < 0 ? -1 : System.nanoTime() + timeoutNanos;
        boolean wait = interruptWakeup.enter();
        try {
            context.canBlock = wait;
            handler.run(context);
        } finally {
            wakeupPending = false;
            interruptWakeup.exit();
        }
    }

    /** Makes a wait under way, or the next one, return. Any thread other than the hub's. */
    void wakeup() {
        wakeupPending = true;
        handler.wakeup();
    }

    /** Registers {@code handle} edge-triggered for both directions. */
    IoRegistration register(IoHandle handle) throws IOException {
        IoRegistration reg;
        try {
            reg = handler.register(handle);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("epoll registration failed", e);
        }
        try {
            reg.submit(OPS);
        } catch (RuntimeException e) {
            reg.cancel();
            throw e;
        }
        return reg;
    }

    /** A direct buffer for system calls on heap buffers; its contents are garbage between calls. */
    ByteBuffer scratch() {
        ByteBuffer b = scratch;
        if (b == null) {
            b = scratch = ByteBuffer.allocateDirect(SCRATCH_SIZE);
        }
        b.clear();
        return b;
    }

    /** Releases the epoll, event and timer descriptors. Every handle must be closed already. */
    void close() {
        handler.prepareToDestroy();
        handler.destroy();
    }

    /** What the handler sees of the hub: whether it may block and until when. */
    private final class Context implements IoHandlerContext {
        boolean canBlock;  // hub thread only
        long deadline;     // hub thread only; System.nanoTime() deadline, or -1 for none

        @Override
        public boolean canBlock() {
            return canBlock && !wakeupPending;
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return deadline == -1 ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }
    }
}
