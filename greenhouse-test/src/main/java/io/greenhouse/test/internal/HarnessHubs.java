package io.greenhouse.test.internal;

import java.time.Clock;

import io.greenhouse.Hub;
import io.greenhouse.Poller;

/**
 * Installs the harness's hubs: a fresh hub on the calling thread with a virtual clock and a simulated
 * poller, replacing an idle hub the thread may already have.
 */
public final class HarnessHubs {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.test");

    private HarnessHubs() {
    }

    /**
     * Installs a hub on {@code clock} and {@code poller} on the calling thread. A hub the thread already has
     * is closed first if no greenlet of it is alive (a test thread that used the API before), or if it is the
     * hub of an unfinished simulation or virtual-time hub, which is told it was abandoned (a test that failed
     * before its simulation ended must not break the next test on the thread).
     *
     * @throws IllegalStateException if the thread's ordinary hub has live greenlets, or greenlet code is not
     *         instrumented; the message says what to do
     */
    public static Hub install(Clock clock, Poller poller) {
        try {
            return Hub.install(clock, poller);
        } catch (IllegalStateException first) {
            Hub existing = Hub.current();   // the thread's hub; throws the same if nothing is instrumented
            if (existing.poller() instanceof SimulatedPoller) {
                // A simulation left unfinished (its test failed before run() released it): the new one takes over.
                LOG.log(System.Logger.Level.WARNING, "a simulation that did not finish was abandoned on thread "
                        + Thread.currentThread().getName() + ": a new one took the thread (run simulations to the end)");
                SimulatedPoller old = (SimulatedPoller) existing.poller();
                old.takeOver();
                existing.close();
                return Hub.install(clock, poller);
            }
            int live = existing.liveGreenlets();
            if (live > 0) {
                throw new IllegalStateException("thread " + Thread.currentThread().getName() + " already runs a hub"
                        + " with " + live + " live greenlets; a virtual-time hub needs the thread to itself: close "
                        + "that hub first (Hub.current().close())", first);
            }
            existing.close();
            return Hub.install(clock, poller);
        }
    }
}
