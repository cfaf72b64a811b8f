package io.greenhouse.quasar.samples;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/** A synchronized suspendable method: Quasar refuses the whole class. */
public class SynchronizedMethod {
    public synchronized void locked() throws SuspendExecution {
        Fiber.park();
    }
}
