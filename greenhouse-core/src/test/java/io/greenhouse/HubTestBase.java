package io.greenhouse;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import co.paralleluniverse.fibers.SuspendExecution;

import io.greenhouse.internal.HubAudit;

/**
 * Gives every test a fresh hub on the test thread, and fails the test when a greenlet died of an
 * exception that the test did not expect (greenhouse swallowed such failures; we record them), when a
 * hook or handler threw (it is dropped and logged, which would hide a failed assertion inside it), or when
 * the test leaves a greenlet alive (the hub's close would end it silently).
 */
public abstract class HubTestBase {
    /** Failures of greenlets, recorded by a global handler; tests that expect some clear this list. */
    protected final List<Throwable> uncaught = new ArrayList<>();
    private ExceptionHandler recorder;   // held strongly: handlers are weakly referenced
    private HubAudit audit;              // the current hub's: dropped callbacks, unhandled failures, leaks

    @BeforeEach
    void freshHub() {
        Hub.current().close();
        installRecorder();
    }

    /** Registers the handler that records greenlet failures on the current hub, and audits that hub. */
    protected final void installRecorder() {
        recorder = Scheduler.globalExceptionHandler((g, e) -> uncaught.add(e));
        audit = HubAudit.attach();
    }

    @AfterEach
    void closeHub() {
        Hub hub = Hub.current();
        AssertionError problems = audit.failure();
        hub.close();
        if (!uncaught.isEmpty()) {
            Throwable first = uncaught.get(0);
            AssertionError error = new AssertionError("a greenlet died of an unexpected exception: " + first, first);
            uncaught.clear();
            throw error;
        }
        if (problems != null) {
            throw problems;
        }
    }

    /** Stops recording greenlet failures as test failures (for tests about exception handling). */
    protected void expectGreenletFailures() {
        Scheduler.removeGlobalExceptionHandler(recorder);
        audit.expectUnhandledFailures();
    }

    /** The test makes hooks or handlers throw on purpose (they are dropped): that is not a failure. */
    protected void expectDroppedCallbacks() {
        audit.expectDroppedCallbacks();
    }

    /**
     * Ends greenlets that a test leaves waiting on purpose, and waits until they are dead, so that the test
     * leaves none behind.
     */
    protected static void endAndJoin(Greenlet... greenlets) throws SuspendExecution {
        for (Greenlet g : greenlets) {
            Scheduler.end(g);
        }
        for (Greenlet g : greenlets) {
            g.join();
        }
    }

    /** A greenlet of another thread's hub (that thread has ended, its hub closed). */
    protected static Greenlet greenletOfAnotherHub() throws InterruptedException {
        Greenlet[] foreign = {null};
        Thread t = new Thread(() -> {
            foreign[0] = Scheduler.greenlet(() -> { });
            Hub.current().close();
        });
        t.start();
        t.join();
        return foreign[0];
    }

    protected static void require(boolean condition, String what) {
        if (!condition) {
            fail(what);
        }
    }
}
