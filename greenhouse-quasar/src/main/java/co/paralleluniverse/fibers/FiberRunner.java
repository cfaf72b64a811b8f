package co.paralleluniverse.fibers;

/**
 * Runs a fiber on the calling thread, for a scheduler that is a loop of its own (greenhouse's hubs): a fiber
 * given to {@link #run} runs from where it last suspended until it suspends again or ends.
 *
 * <p>Written for greenhouse-quasar (not Quasar's): it lives in Quasar's package only to reach the
 * package-private {@code Fiber.exec()}, the method Quasar's own fiber tasks call. Going through a task
 * instead ({@code Fiber.unpark()}, the scheduler's executor, {@code RunnableFiberTask.run}) costs three more
 * frames and two compare-and-set operations on the task's state per resumption, and its frames count
 * towards the JIT's inlining depth between the scheduler's loop and the fiber's body. A fiber run this way
 * suspends with {@link Fiber#yield()}, which leaves the task's state alone; its scheduler's executor is
 * never needed and may do nothing.
 *
 * <p>Threading: the caller owns the fiber: no other thread runs or resumes it.
 */
public final class FiberRunner {
    private FiberRunner() {
    }

    /**
     * Runs {@code fiber}, started or suspended in {@link Fiber#yield()}, on this thread until it suspends
     * again or ends.
     *
     * @param fiber the fiber to run
     * @return true if it ended (normally or not)
     */
    public static boolean run(Fiber<?> fiber) {
        return fiber.exec();
    }
}
