package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.internal.HarnessHooks;
import io.greenhouse.internal.HubMonitor;
import io.greenhouse.internal.Loop;
import io.greenhouse.pool.OneWayPool;

/**
 * A greenlet that dies of a throwable does not pass silently: handlers first (greenhouse's rule), else a log
 * line, or on a fail-fast hub the main greenlet's blocking call throws it; {@code joinOrThrow} rethrows it; a
 * {@link NotInstrumentedException} always reaches the main greenlet.
 */
class FailuresTest extends VirtualTimeTestBase {

    /** What the hub's monitor hears: the failures nobody handled. */
    private final List<Throwable> unhandled = new ArrayList<>();

    private void recordUnhandled() {
        expectGreenletFailures();
        HarnessHooks.setMonitor(Loop.current(), new HubMonitor() {
            @Override
            public void callbackDropped(String kind, Object callback, Throwable error) {
            }

            @Override
            public void unhandledFailure(Greenlet greenlet, Throwable error) {
                unhandled.add(error);
            }
        });
    }

    private static Greenlet failing(Throwable t) {
        return Scheduler.schedule(() -> {
            throw Sneaky.of(t);
        });
    }

    // ---------------------------------------------------------------- the default: greenhouse's handlers

    @Test
    void byDefaultAnUnhandledFailureIsReportedAndTheLoopGoesOn() throws Exception {
        recordUnhandled();
        IllegalStateException boom = new IllegalStateException("boom");
        Greenlet g = failing(boom);
        assertFalse(Hub.current().isFailFast());
        Scheduler.pauseFor(1);
        assertTrue(g.isDead());
        assertSame(boom, g.failure());
        assertEquals(List.of(boom), unhandled);
    }

    @Test
    void aHandledFailureGoesToTheHandlerOnlyEvenWhenFailFast() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        List<Throwable> seen = new ArrayList<>();
        ExceptionHandler handler = Scheduler.globalExceptionHandler((g, e) -> seen.add(e));
        IllegalStateException boom = new IllegalStateException("boom");
        failing(boom);
        Scheduler.pauseFor(1);
        assertEquals(List.of(boom), seen);
        assertEquals(List.of(), unhandled);
        Scheduler.removeGlobalExceptionHandler(handler);
    }

    // ---------------------------------------------------------------- fail-fast

    @Test
    void failFastEndsTheMainGreenletsBlockingCallWithTheFirstUnhandledFailure() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        assertTrue(Hub.current().isFailFast());
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        failing(first);
        failing(second);
        double start = Scheduler.time();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Scheduler.pauseFor(60));
        assertSame(first, thrown, "the same instance, unwrapped");
        assertEquals(start, Scheduler.time(), 1e-9, "at once, not after the pause");
        assertEquals(List.of(first, second), unhandled, "both are reported; the second one is logged");
        Scheduler.pauseFor(1);   // the hub goes on
    }

    @Test
    void failFastEndsHubRunWithAnotherGreenletsFailureEvenAChecked() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        IOException broken = new IOException("disk gone");
        Greenlet[] body = {null};
        IOException thrown = assertThrows(IOException.class, () -> Hub.run(() -> {
            body[0] = Scheduler.current();
            failing(broken);
            Scheduler.pauseFor(60);
        }));
        assertSame(broken, thrown);
        assertFalse(body[0].isDead(), "Hub.run ended before its body");
        endAndJoin(body[0]);
    }

    @Test
    void hubRunStillRethrowsItsOwnBodysFailureOnce() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Hub.run(() -> {
            throw bad;
        })));
        assertEquals(List.of(), unhandled, "rethrown by Hub.run, not reported as unhandled");
        Scheduler.pauseFor(1);   // nothing left for the main greenlet to throw
    }

    @Test
    void aBodyThatHubRunGaveUpOnReportsItsLaterFailure() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        IllegalStateException other = new IllegalStateException("other");
        IllegalStateException late = new IllegalStateException("late");
        assertThrows(IllegalStateException.class, () -> Hub.run(() -> {
            failing(other);
            Scheduler.pauseFor(10);
            throw late;
        }));
        assertSame(late, assertThrows(IllegalStateException.class, () -> Scheduler.pauseFor(60)));
        assertEquals(List.of(other, late), unhandled);
    }

    @Test
    void theFailFastPropertyMakesNewHubsFailFast() {
        assertEquals("io.greenhouse.failFast", Hub.FAIL_FAST_PROPERTY);
        System.setProperty(Hub.FAIL_FAST_PROPERTY, "true");
        try {
            Hub.current().close();
            assertTrue(Hub.current().isFailFast());
            Hub.current().setFailFast(false);
            assertFalse(Hub.current().isFailFast());
        } finally {
            System.clearProperty(Hub.FAIL_FAST_PROPERTY);
            Hub.current().close();
            virtualHub();
        }
    }

    @Test
    void aOneWayPoolFunctionThatThrowsUnhandledEndsTheMainGreenletsCallWhenFailFast() throws Exception {
        recordUnhandled();
        Hub.current().setFailFast(true);
        IllegalStateException bad = new IllegalStateException("bad input");
        OneWayPool<String> pool = new OneWayPool<String>(s -> {
            throw bad;
        }, 1).start();
        pool.put("x");
        assertSame(bad, assertThrows(IllegalStateException.class, pool::join));
        assertEquals(List.of(bad), unhandled);
        pool.close();
        for (Greenlet worker : pool.workers()) {
            worker.join();
        }
    }

    @Test
    void failuresWhileTheHubClosesAreLoggedNotThrown() {
        recordUnhandled();
        Hub.current().setFailFast(true);
        IllegalStateException inFinally = new IllegalStateException("in finally");
        Scheduler.schedule(() -> {
            try {
                Scheduler.pauseFor(60);
            } finally {
                throw inFinally;
            }
        });
        assertDoesNotThrow(() -> Scheduler.pause());
        assertDoesNotThrow(() -> Hub.current().close());
        assertEquals(List.of(inFinally), unhandled);
        virtualHub();
    }

    // ---------------------------------------------------------------- NotInstrumentedException

    /** Not suspendable: neither declares SuspendExecution nor carries @Suspendable. */
    static void notSuspendable() {
        try {
            Scheduler.pause();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Tag("quasar")   // Quasar's instrumentation check: on the JDK backend every method suspends
    void aNotInstrumentedExceptionReachesTheMainGreenletEvenWhenHandledAndNotFailFast() throws Exception {
        recordUnhandled();
        List<Throwable> seen = new ArrayList<>();
        ExceptionHandler handler = Scheduler.globalExceptionHandler((g, e) -> seen.add(e));
        Greenlet g = Scheduler.schedule(FailuresTest::notSuspendable);
        NotInstrumentedException e = assertThrows(NotInstrumentedException.class, () -> Scheduler.pauseFor(60));
        assertTrue(e.getMessage().contains("FailuresTest.notSuspendable"), e.getMessage());
        assertSame(e, g.failure());
        assertEquals(List.of(e), seen, "the handlers ran first");
        Scheduler.removeGlobalExceptionHandler(handler);
    }

    // ---------------------------------------------------------------- joinOrThrow

    @Test
    void joinOrThrowRethrowsWhatTheGreenletDiedOfUnwrapped() throws Exception {
        expectGreenletFailures();
        IOException broken = new IOException("broken");
        Greenlet g = Scheduler.schedule(() -> {
            Scheduler.pauseFor(1);
            throw broken;
        });
        assertSame(broken, assertThrows(IOException.class, g::joinOrThrow));
        assertSame(broken, assertThrows(IOException.class, g::joinOrThrow), "again, once dead");
    }

    @Test
    void joinOrThrowRethrowsAnAssertionErrorOfATestsGreenlet() throws Exception {
        expectGreenletFailures();
        Greenlet check = Scheduler.schedule(() -> assertEquals(4, 2 + 3));
        assertThrows(AssertionError.class, check::joinOrThrow);
    }

    @Test
    void joinOrThrowReturnsForAGreenletThatFinishedOrWasEnded() throws Exception {
        Greenlet finished = Scheduler.schedule(() -> Scheduler.pauseFor(1));
        Greenlet ended = Scheduler.schedule(() -> Scheduler.pauseFor(60));
        finished.joinOrThrow();
        Scheduler.end(ended);
        ended.joinOrThrow();
        assertNull(ended.failure());
    }

    @Test
    void timedJoinOrThrowSaysWhetherItDiedAndRethrowsItsFailure() throws Exception {
        expectGreenletFailures();
        IllegalStateException late = new IllegalStateException("late");
        Greenlet g = Scheduler.schedule(() -> {
            Scheduler.pauseFor(2);
            throw late;
        });
        assertFalse(g.joinOrThrow(Duration.ofSeconds(1)));
        assertSame(late, assertThrows(IllegalStateException.class, () -> g.joinOrThrow(Duration.ofSeconds(5))));
        Greenlet ok = Scheduler.schedule(() -> Scheduler.pauseFor(1));
        assertTrue(ok.joinOrThrow(Duration.ofSeconds(5)));
    }

    // ---------------------------------------------------------------- a JUnit test

    @Test
    void aFailFastTestFailsWhenAGreenletItJoinsFailsAnAssertion() {
        recordUnhandled();
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(JoinsAFailingGreenlet.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertTrue(failure instanceof AssertionError, failure.toString());
        assertTrue(failure.getMessage().contains("expected: <4> but was: <5>"), failure.getMessage());
    }

    /** Run by the test above through the JUnit engine: greenhouse's default would let it pass. */
    static class JoinsAFailingGreenlet {
        @BeforeEach
        void failFast() {
            Hub.current().setFailFast(true);
        }

        @Test
        void joinsAGreenletWhoseAssertionFails() throws Exception {
            Greenlet check = Scheduler.schedule(() -> assertEquals(4, 2 + 3));
            check.join();
        }
    }

    /** Throws any throwable from a lambda whose type allows only Exception. */
    private static final class Sneaky {
        static RuntimeException of(Throwable t) {
            return Sneaky.<RuntimeException>raw(t);
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> T raw(Throwable t) throws T {
            throw (T) t;
        }
    }
}
