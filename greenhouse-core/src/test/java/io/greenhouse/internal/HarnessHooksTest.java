package io.greenhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.HubTestBase;
import io.greenhouse.Poller;
import io.greenhouse.PortablePoller;
import io.greenhouse.Scheduler;

/** The hooks a deterministic harness sets on a hub: no foreign execute, no poller replacement, its audit. */
class HarnessHooksTest extends HubTestBase {

    @Test
    @Timeout(10)
    void forbiddenForeignExecuteFailsWithTheHarnesssReasonAndTheHubsOwnThreadStillMayExecute() throws Exception {
        Hub hub = Hub.current();
        HarnessHooks.forbidForeignExecute(Loop.current(), "a simulation has one thread");
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                hub.execute(() -> { });
            } catch (Throwable t) {
                error.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
        assertTrue(error.get().getMessage().contains("a simulation has one thread"), error.get().getMessage());
        boolean[] ran = {false};
        hub.execute(() -> ran[0] = true);
        Scheduler.pause();
        assertTrue(ran[0]);
    }

    @Test
    void aLockedPollerCannotBeReplacedAndStaysInstalled() {
        Loop loop = Loop.current();
        Poller mine = loop.poller();
        HarnessHooks.lockPoller(loop, "the simulated poller stays");
        IllegalStateException e = assertThrows(IllegalStateException.class, Scheduler::resetPoller);
        assertTrue(e.getMessage().contains("the simulated poller stays"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Scheduler.resetPoller(new PortablePoller()));
        assertSame(mine, loop.poller());
        HarnessHooks.lockPoller(loop, null);
        Scheduler.resetPoller(new PortablePoller());
    }

    @Test
    void theAuditReportsLeftGreenletsAndDroppedCallbacksAndUnhandledFailures() throws Exception {
        expectGreenletFailures();
        HubAudit audit = HubAudit.attach();
        Greenlet left = Scheduler.schedule(() -> GreenLockSupport.park("forever"));
        Scheduler.globalHook((from, to) -> {
            throw new IllegalStateException("hook broke");
        });
        Scheduler.schedule(() -> {
            throw new IllegalArgumentException("nobody handles this");
        });
        Scheduler.pause();
        assertEquals(3, audit.problems().size(), audit.problems().toString());
        assertTrue(audit.failure().getMessage().contains("hook broke"));
        assertTrue(audit.failure().getMessage().contains("nobody handles this"));
        assertTrue(audit.failure().getMessage().contains(left.name()));
        Scheduler.end(left);
        left.join();
        assertEquals(2, audit.problems().size());
        installRecorder();   // a fresh audit for the base's own check: this test's problems were on purpose
    }

    @Test
    void describeWaitingListsEveryWaitingGreenletAfterTheGivenReason() throws Exception {
        Greenlet g = Scheduler.schedule(() -> GreenLockSupport.park("a simulated socket"));
        Scheduler.pause();
        String report = HarnessHooks.describeWaiting(Loop.current(), "nothing more can happen in the simulation.");
        assertTrue(report.startsWith("nothing more can happen in the simulation. Waiting greenlets:"), report);
        assertTrue(report.contains(g.name() + " waits on a simulated socket"), report);
        endAndJoin(g);
    }
}
