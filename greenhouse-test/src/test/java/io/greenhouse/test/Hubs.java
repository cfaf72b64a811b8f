package io.greenhouse.test;

import io.greenhouse.internal.Loop;
import io.greenhouse.test.internal.SimulatedPoller;

/** What the test thread's hub is, without making one. */
final class Hubs {
    private Hubs() {
    }

    /** Whether the calling thread has an open hub on the harness's simulated (or virtual-time) poller. */
    static boolean onSimulatedPoller() {
        Loop l = Loop.existing();
        return l != null && l.poller() instanceof SimulatedPoller;
    }
}
