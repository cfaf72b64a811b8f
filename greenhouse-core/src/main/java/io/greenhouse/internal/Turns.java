package io.greenhouse.internal;

import io.greenhouse.DeadlockException;
import io.greenhouse.HubInterruptedException;
import io.greenhouse.NotInstrumentedException;
import io.greenhouse.Poller;

/**
 * The turn and refill engine of a {@link Loop}: it takes greenlets one by one from the ready queue, gives each a
 * turn until it parks, pauses or ends, and refills the queue in greenhouse's {@code _hit_poller} order when it is
 * empty, waiting in the poller while nothing is runnable ({@link Loop} describes the order). A greenlet's death
 * and failure take their one path here ({@link #failed}), and so does an interrupt of the hub's thread.
 *
 * <p>The engine's state (whose turn it is, who had the previous one, whether the loop runs, the turn count) is
 * the loop's fields; these static methods write them directly, so that the switch path has no frame or
 * indirection more than when they were the loop's own methods.
 *
 * <p>Threading: hub thread only. Internal: not API.
 */
public final class Turns {
    private Turns() {
    }

    /**
     * Runs the loop on the hub's thread until the main greenlet's turn comes back. Called by the main greenlet
     * when it blocks, after it has queued itself or registered as a waiter.
     *
     * @param loop the loop of the calling thread's hub
     */
    public static void runLoop(Loop loop) {
        Strand main = loop.main;
        RunQueues queues = loop.queues;
        loop.callbacks.switchOut(main);
        loop.inLoop = true;
        try {
            for (;;) {
                Strand s = queues.pollReady();
                if (s == null) {
                    refill(loop);
                    continue;
                }
                if (s.isMain()) {
                    loop.callbacks.switchIn(loop.last, main);
                    loop.last = main;
                    main.mainRuns();
                    return;
                }
                runTurn(loop, s);
            }
        } catch (RuntimeException | Error e) {
            // A deadlock report, or a poller that failed: the main greenlet's blocking call throws it, and
            // the main greenlet leaves every queue so that the hub stays usable.
            queues.remove(main);
            loop.last = main;
            main.mainRuns();
            throw e;
        } finally {
            loop.inLoop = false;
            loop.current = main;
        }
    }

    /** Gives the thread to {@code s} until it parks, pauses or ends. */
    private static void runTurn(Loop loop, Strand s) {
        if (!s.isQueued()) {
            return;  // dead: leftovers of a closed hub
        }
        loop.callbacks.switchIn(loop.last, s);
        loop.last = s;
        loop.turns++;
        loop.current = s;
        boolean ended;
        try {
            ended = s.takeTurn();
        } finally {
            loop.current = loop.main;
        }
        if (ended) {
            die(loop, s);
        }
        loop.callbacks.switchOut(s);
    }

    private static void die(Loop loop, Strand s) {
        Throwable failure = s.die(loop.queues.timers);
        loop.queues.live.unlink(s);
        if (failure != null) {
            failed(loop, s, failure, "died of an exception");
        }
    }

    /**
     * The one path of a greenlet's failure: its handlers first (greenhouse's rule); then a
     * {@link NotInstrumentedException} (a programming error), or with fail-fast a failure no handler took, is
     * delivered to the main greenlet, whose blocking call throws it; an unhandled failure that is not is logged.
     * The failure of a {@code Hub.run} body only goes to the handlers: {@code Hub.run} rethrows it.
     */
    static void failed(Loop loop, Strand s, Throwable failure, String what) {
        boolean handled = loop.callbacks.handleException(failure, s);
        if (!s.logsUnhandledFailure()) {
            return;
        }
        boolean surfaced = !loop.closing
                && (failure instanceof NotInstrumentedException || (loop.failFast && !handled))
                && loop.main.deliverIfNonePending(failure);
        if (!handled) {
            loop.callbacks.unhandled(s, failure, what, surfaced);
        }
    }

    /**
     * The hub's thread is interrupted: unless interrupts are ignored, the main greenlet's blocking call ends with
     * {@link HubInterruptedException} at its next turn (the interrupt status stays set). Not while closing.
     */
    private static void checkInterrupt(Loop loop) {
        if (loop.thread.isInterrupted() && !loop.ignoreInterrupts && !loop.closing) {
            interruptMain(loop);   // out of line: this check runs at every refill and must stay small to inline
        }
    }

    private static void interruptMain(Loop loop) {
        loop.main.deliverIfNonePending(new HubInterruptedException("the hub's thread " + loop.thread.getName()
                + " was interrupted, which ends the main greenlet's blocking call (the interrupt status stays set: "
                + "clear it with Thread.interrupted() before blocking again, or call "
                + "Scheduler.setIgnoreInterrupts(true) to have the hub ignore interrupts)"));
    }

    private static void refillWithoutWaiting(Loop loop) {
        drainInbox(loop);
        // Greenhouse polls at every refill; when nothing is registered no I/O can be ready, and skipping
        // the non-blocking poll (an epoll_wait system call) saves ~70 ns per refill (JMH, N = 1).
        Poller poller = loop.pollers.current;
        if (poller != null && poller.hasPendingWork()) {
            poller.poll(0, loop.ignoreInterrupts);
        }
        loop.queues.refill();
    }

    /** Refills the ready queue, waiting in the poller while nothing is runnable. */
    private static void refill(Loop loop) {
        RunQueues queues = loop.queues;
        Inbox inbox = loop.inbox;
        checkInterrupt(loop);
        if (!inbox.isEmpty() || queues.hasRunnable()) {
            refillWithoutWaiting(loop);
        }
        // else nothing can become runnable without waiting: the waiting poll below does the non-blocking
        // poll's work, and one epoll_wait is saved each time the loop goes idle.
        Poller poller = loop.pollers.current;
        while (queues.readyIsEmpty()) {
            long timeout;
            if (queues.hasTimer()) {
                timeout = queues.delayToFirstTimer(loop.clock.nanos());
            } else if (!inbox.isEmpty()) {
                timeout = 0;
            } else if (loop.keepAlive || (poller != null && poller.hasPendingWork())) {
                timeout = -1;
            } else {
                throw new DeadlockException(DeadlockReport.describe(loop));
            }
            if (poller != null) {
                poller.poll(timeout, loop.ignoreInterrupts);
            }
            checkInterrupt(loop);
            drainInbox(loop);
            queues.refill();
        }
    }

    private static void drainInbox(Loop loop) {
        Runnable task;
        while ((task = loop.inbox.poll()) != null) {
            Runnable r = task;
            // Work from another thread carries none of this hub's context.
            loop.queues.enqueue(loop.factory.create(loop, r::run, loop.nextId++, null), RunQueues.WOKEN);
        }
    }
}
