package io.greenhouse.quasar.samples;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/** A constructor that suspends: Quasar refuses to instrument it. */
public class SuspendingConstructor {
    public SuspendingConstructor() throws SuspendExecution {
        Fiber.park();
    }
}
