package io.greenhouse.quasar.samples;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/** A suspendable method that blocks its thread: Quasar refuses to instrument it. */
public class Sleeps {
    public static void nap() throws SuspendExecution, InterruptedException {
        Fiber.park();
        Thread.sleep(1);
    }
}
