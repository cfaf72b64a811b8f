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
    private StackTraceElement[] probed;   // hub thread only; set by a stack probe's resume, taken by stackTrace()
    private boolean probing;              // hub thread only; the next resume only records where it is and parks

    GreenFiber(GreenRunnable body, FiberExecutorScheduler scheduler, int stackSize) {
        super(null, scheduler, stackSize);
        this.body = body;
        setNoLocals(true);
    }

    /**
     * Where this parked fiber is suspended, innermost frame first, down to (not including) its body's caller;
     * empty if it is not parked. It stays parked: Quasar re-enters its frames without running any of its code
     * (that is how it resumes), {@link #onResume()} records the stack there and parks again at once.
     */
    StackTraceElement[] stackTrace() {
        if (getState() != State.WAITING) {
            return new StackTraceElement[0];
        }
        probing = true;
        try {
            exec();   // in place, as the hub resumes it
        } finally {
            probing = false;
        }
        StackTraceElement[] st = probed;
        probed = null;
        return st == null ? new StackTraceElement[0] : st;
    }

    /**
     * Quasar calls this inside the fiber each time it resumes, after it has re-entered every frame and before
     * the park call site returns. A stack probe records the frames and parks again, so the fiber's own code does
     * not run; any other resume is Quasar's own.
     */
    @Override
    protected void onResume() throws SuspendExecution, InterruptedException {
        if (probing) {
            probing = false;
            probed = frames(new Throwable().getStackTrace());
            Fiber.yield();   // how every greenlet suspends: the hub resumes it with Fiber.exec()
        } else {
            super.onResume();
        }
    }

    /** The fiber's own frames of a stack taken in {@link #onResume}: after Quasar's restore, up to {@link #run()}. */
    private static StackTraceElement[] frames(StackTraceElement[] all) {
        int from = 0;
        while (from < all.length && !all[from].getClassName().equals("co.paralleluniverse.fibers.Stack")) {
            from++;
        }
        from = Math.min(from + 1, all.length);
        int to = from;
        while (to < all.length && !(all[to].getClassName().equals(GreenFiber.class.getName())
                && all[to].getMethodName().equals("run"))) {
            to++;
        }
        return java.util.Arrays.copyOfRange(all, from, to);
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
