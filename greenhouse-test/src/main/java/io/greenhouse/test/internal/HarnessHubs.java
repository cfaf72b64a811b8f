package io.greenhouse.test.internal;

import java.time.Clock;

import io.greenhouse.Hub;
import io.greenhouse.internal.HarnessHooks;
import io.greenhouse.internal.Loop;

/**
 * Installs the harness's hubs: a fresh hub on the calling thread with a virtual clock and a simulated
 * poller, replacing an idle hub the thread may already have, with the poller locked in place.
 */
public final class HarnessHubs {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.test");

    private HarnessHubs() {
    }

    /**
     * Installs a hub on {@code clock} and {@code poller} on the calling thread, and locks the poller in: replacing
     * it ({@code Scheduler.resetPoller}) throws an {@link IllegalStateException} that says why. A hub the thread
     * already has is closed first if no greenlet of it is alive (a test thread that used the API before), or if
     * it is the hub of an unfinished simulation or virtual-time hub, which is told it was abandoned (a test that
     * failed before its simulation ended must not break the next test on the thread).
     *
     * @param clock the hub's clock
     * @param poller the hub's poller
     * @param owner what runs on the hub, for messages: {@code "the simulation (seed 0x2a)"}
     * @return the new hub's loop
     * @throws IllegalStateException if the thread's ordinary hub has live greenlets, or greenlet code is not
     *         instrumented; the message says what to do
     */
    public static Loop install(Clock clock, SimulatedPoller poller, String owner) {
        Loop existing = Loop.existing();
        if (existing != null) {
            if (existing.poller() instanceof SimulatedPoller) {
                // A simulation left unfinished (its test failed before run() released it): the new one takes over.
                LOG.log(System.Logger.Level.WARNING, "a simulation that did not finish was abandoned on thread "
                        + Thread.currentThread().getName() + ": a new one took the thread (run simulations to the end)");
                ((SimulatedPoller) existing.poller()).takeOver();
            } else if (existing.liveCount() > 0) {
                throw new IllegalStateException("thread " + Thread.currentThread().getName() + " already runs a hub"
                        + " with " + existing.liveCount() + " live greenlets; " + owner + " needs the thread to itself:"
                        + " close that hub first (Hub.current().close())");
            }
            existing.hub().close();
        }
        Hub.install(clock, poller);
        Loop loop = Loop.existing();
        HarnessHooks.lockPoller(loop, "only the simulated poller can run " + owner + " on virtual time; a real poller "
                + "would wait in real time while the virtual clock stands still");
        return loop;
    }
}
