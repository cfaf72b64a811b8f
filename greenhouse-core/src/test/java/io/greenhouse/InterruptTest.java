package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * An interrupt of the hub's thread is never swallowed: the main greenlet's blocking call ends with
 * {@link HubInterruptedException} and the interrupt status stays set, unless interrupts are ignored.
 */
class InterruptTest extends HubTestBase {

    @AfterEach
    void clearTheInterruptStatus() {
        Thread.interrupted();
    }

    /** Interrupts {@code target} from another thread, at any moment from now on. */
    private static Thread interruptFromAnotherThread(Thread target) {
        Thread t = new Thread(target::interrupt, "interrupter");
        t.start();
        return t;
    }

    @Test
    @Timeout(10)
    void anInterruptEndsTheMainGreenletsPauseAndTheStatusStaysSet() throws Exception {
        Thread interrupter = interruptFromAnotherThread(Thread.currentThread());
        long start = System.nanoTime();
        HubInterruptedException e = assertThrows(HubInterruptedException.class, () -> Scheduler.pauseFor(5));
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "ended by the interrupt, not by the time");
        assertTrue(Thread.interrupted(), "the status stays set");   // cleared here: join would throw on it
        assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("setIgnoreInterrupts"), e.getMessage());
        interrupter.join();
    }

    @Test
    @Timeout(10)
    void anInterruptEndsTheWaitEvenWhileGreenletsKeepTheLoopBusy() throws Exception {
        Greenlet busy = Scheduler.schedule(() -> {
            for (;;) {
                Scheduler.pause();
            }
        });
        Thread interrupter = interruptFromAnotherThread(Thread.currentThread());
        assertThrows(HubInterruptedException.class, () -> Scheduler.pauseFor(5));
        Thread.interrupted();   // first: a join that has to wait for the interrupter would throw on it
        interrupter.join();
        endAndJoin(busy);
    }

    @Test
    void whileTheStatusIsSetEveryBlockingCallEndsAndOnceClearedTheHubGoesOn() throws Exception {
        Hub.current().close();
        ManualClock clock = new ManualClock(1_700_000_000.0);
        Hub.install(clock, new VirtualTimePoller(clock));   // virtual time: the pause below cannot end by itself
        installRecorder();
        Greenlet waiting = Scheduler.schedule(() -> Scheduler.pauseFor(60));
        Thread.currentThread().interrupt();
        assertThrows(HubInterruptedException.class, Scheduler::pause);
        assertThrows(HubInterruptedException.class, waiting::join);
        assertFalse(waiting.isDead(), "only the main greenlet's call ends: other greenlets keep waiting");
        assertTrue(Thread.interrupted());
        waiting.join();
        assertTrue(waiting.isDead());
    }

    @Test
    void ignoredInterruptsAreClearedAndTheCallGoesOn() throws Exception {
        Scheduler.setIgnoreInterrupts(true);
        Thread.currentThread().interrupt();
        assertDoesNotThrow(() -> Scheduler.pauseFor(0.01));
        assertFalse(Thread.currentThread().isInterrupted(), "ignored: the poller cleared it");
    }

    @Test
    void anIgnoringPollerClearsTheStatusAlsoWhenAPendingWakeupOrADueTimerEndsItAtOnce() {
        PortablePoller poller = new PortablePoller();
        poller.wakeup();
        Thread.currentThread().interrupt();
        poller.poll(60_000_000_000L, true);   // returns at once: the wakeup was pending
        assertFalse(Thread.currentThread().isInterrupted(), "a pending wakeup: cleared");
        Thread.currentThread().interrupt();
        poller.poll(0, true);
        assertFalse(Thread.currentThread().isInterrupted(), "a look without waiting: cleared");
        Thread.currentThread().interrupt();
        poller.poll(0, false);
        assertTrue(Thread.interrupted(), "not ignoring: the status stays set");
    }

    @Test
    void closeIsNotInterruptedAndLeavesTheStatusSet() {
        Greenlet g = Scheduler.schedule(() -> Scheduler.pauseFor(60));
        assertThrows(HubInterruptedException.class, () -> {
            Thread.currentThread().interrupt();
            Scheduler.pause();
        });
        Hub.current().close();
        assertTrue(g.isDead(), "close ended it");
        assertTrue(Thread.interrupted());
        installRecorder();
    }

    // ---------------------------------------------------------------- a JUnit timeout

    @Test
    @Timeout(30)
    void aJUnitTimeoutStopsATestBlockedInPauseForOfTheMainGreenlet() {
        long start = System.nanoTime();
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BlockedInPauseFor.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertTrue(failure instanceof TimeoutException, failure.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0,
                "stopped by the timeout, not by the end of a 60 s pause");
    }

    /** Run by the test above through the JUnit engine: a test that would wait 60 s, with a 1 s timeout. */
    static class BlockedInPauseFor {
        @Test
        @Timeout(1)
        void blocked() throws Exception {
            Scheduler.pauseFor(60);
        }
    }
}
