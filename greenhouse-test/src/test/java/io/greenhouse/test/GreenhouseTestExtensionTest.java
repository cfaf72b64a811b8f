package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.test.internal.SimulatedPoller;

/** {@link GreenhouseTest}: a fresh virtual-time hub per test, leaks and greenlet failures fail the test. */
class GreenhouseTestExtensionTest {
    static boolean hadVirtualHub;

    private static Throwable onlyFailure(Class<?> fixture) {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        List<Event> failed = r.testEvents().failed().list();
        assertEquals(1, failed.size(), "one failed test");
        return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    static class Leaks {
        @GreenhouseTest
        void leaves() throws Exception {
            Scheduler.schedule(() -> GreenLockSupport.park("a wakeup that never comes"));
            Scheduler.pause();
        }
    }

    @Test
    void greenletsAliveAtTheEndFailTheTestListingThem() {
        Throwable t = onlyFailure(Leaks.class);
        assertTrue(t.getMessage().startsWith("@GreenhouseTest leaves: 1 greenlet(s) left alive"), t.getMessage());
        assertTrue(t.getMessage().contains("greenlet-1"), t.getMessage());
    }

    static class GreenletDies {
        @GreenhouseTest
        void dies() throws Exception {
            Scheduler.schedule(() -> {
                throw new IllegalStateException("unexpected");
            });
            Scheduler.pauseFor(1);
        }
    }

    @Test
    void aGreenletsFailureFailsTheTest() {
        Throwable t = onlyFailure(GreenletDies.class);
        assertTrue(t.getMessage().startsWith("@GreenhouseTest dies: greenlet-1 died of an exception no handler took: "
                + "java.lang.IllegalStateException: unexpected"), t.getMessage());
        assertTrue(t.getMessage().contains("failOnGreenletFailure = false"), t.getMessage());
        assertInstanceOf(IllegalStateException.class, t.getCause());
    }

    static class FailuresExpected {
        @GreenhouseTest(failOnGreenletFailure = false)
        void dies() throws Exception {
            io.greenhouse.Greenlet g = Scheduler.schedule(() -> {
                throw new IllegalStateException("expected");
            });
            g.join();
            assertEquals("expected", g.failure().getMessage());
        }
    }

    @Test
    void aTestOfFailuresCanAllowThem() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailuresExpected.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    static class UsedTheThreadBefore {
        @GreenhouseTest
        void runs() {
            hadVirtualHub = Hubs.onSimulatedPoller();
        }
    }

    @Test
    void theTestGetsAFreshVirtualHubAndTheThreadNoneAfterwards() {
        Hub before = Hub.current();   // the thread used the API: an idle hub
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(UsedTheThreadBefore.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1));
        assertTrue(hadVirtualHub);
        assertTrue(before.isClosed(), "the idle hub made way for the test's");
        assertFalse(Hubs.onSimulatedPoller(), "the test's hub is closed after it");
        Hub.current().close();
    }

    static class Throws {
        @GreenhouseTest
        void throwsItself() {
            throw new UnsupportedOperationException("the test's own failure");
        }
    }

    @Test
    void theTestsOwnFailureIsReportedAsItIs() {
        Throwable t = onlyFailure(Throws.class);
        assertInstanceOf(UnsupportedOperationException.class, t);
    }
}
