package io.greenhouse.internal.backend;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberExecutorScheduler;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.internal.Coroutine;

/**
 * The Quasar fiber under one greenlet. Its body runs the greenlet's {@link GreenRunnable} and records how
 * it ended; nothing ever escapes into Quasar.
 */
final class GreenFiber extends Fiber<Void> implements Coroutine {
    private static final long serialVersionUID = 1L;

    final GreenRunnable body;   // immutable
    Throwable failure;          // hub thread only; what the body threw, set once when it ends
    boolean stackChecked;       // hub thread only; its first suspension's stack was checked (outside verify mode)

    GreenFiber(GreenRunnable body, FiberExecutorScheduler scheduler, int stackSize) {
        super(null, scheduler, stackSize);
        this.body = body;
        setNoLocals(true);
    }

    @Override
    protected Void run() throws SuspendExecution {
        try {
            body.run();
        } catch (Throwable t) { // Quasar's instrumentation lets SuspendExecution through such handlers
            failure = t;
        }
        return null;
    }
}
