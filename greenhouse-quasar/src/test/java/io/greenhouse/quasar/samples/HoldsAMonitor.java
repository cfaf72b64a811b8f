package io.greenhouse.quasar.samples;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/** A suspendable method that holds a monitor: Quasar refuses to instrument it. */
public class HoldsAMonitor {
    private final Object lock = new Object();

    public void update() throws SuspendExecution {
        Fiber.park();
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
