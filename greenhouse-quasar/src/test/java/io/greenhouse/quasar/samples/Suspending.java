package io.greenhouse.quasar.samples;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/** Suspendable methods that Quasar's instrumenter accepts. */
public class Suspending {
    public static int twice(int x) throws SuspendExecution {
        Fiber.park();
        int y = x * 2;
        Fiber.park();
        return y;
    }
}
