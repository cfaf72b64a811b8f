package io.greenhouse;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Gives every test a fresh hub on the test thread, and fails the test when a greenlet died of an
 * exception that the test did not expect (greenhouse swallowed such failures; we record them).
 */
public abstract class HubTestBase {
    /** Failures of greenlets, recorded by a global handler; tests that expect some clear this list. */
    protected final List<Throwable> uncaught = new ArrayList<>();
    private ExceptionHandler recorder;   // held strongly: handlers are weakly referenced

    @BeforeEach
    void freshHub() {
        Hub.current().close();
        installRecorder();
    }

    /** Registers the handler that records greenlet failures on the current hub. */
    protected final void installRecorder() {
        recorder = Scheduler.globalExceptionHandler((g, e) -> uncaught.add(e));
    }

    @AfterEach
    void closeHub() {
        Hub hub = Hub.current();
        hub.close();
        if (!uncaught.isEmpty()) {
            Throwable first = uncaught.get(0);
            AssertionError error = new AssertionError("a greenlet died of an unexpected exception: " + first, first);
            uncaught.clear();
            throw error;
        }
    }

    /** Stops recording greenlet failures as test failures (for tests about exception handling). */
    protected void expectGreenletFailures() {
        Scheduler.removeGlobalExceptionHandler(recorder);
    }

    protected static void require(boolean condition, String what) {
        if (!condition) {
            fail(what);
        }
    }
}
