package io.greenhouse.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.greenhouse.ExceptionHandler;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.HubAudit;
import io.greenhouse.io.internal.Transport;

/**
 * Gives every test a fresh hub on the test thread with the poller under test, and fails the test when a
 * greenlet died of an exception the test did not expect, when a hook or handler threw, or when the test
 * leaves a greenlet alive.
 */
abstract class IoTestBase {
    /** Failures of greenlets, recorded by a global handler; tests that expect some clear this list. */
    protected final List<Throwable> uncaught = new ArrayList<>();
    private ExceptionHandler recorder;   // held strongly: handlers are weakly referenced
    private HubAudit audit;              // the hub's: dropped callbacks, unhandled failures, leaks

    /** A new poller of the kind under test. */
    protected abstract Poller newPoller();

    @BeforeEach
    void freshHub() {
        Hub.current().close();
        Scheduler.resetPoller(newPoller());
        recorder = Scheduler.globalExceptionHandler((g, e) -> uncaught.add(e));
        audit = HubAudit.attach();
    }

    @AfterEach
    void closeHub() {
        Thread.interrupted();
        AssertionError problems = audit.failure();
        Hub.current().close();
        if (!uncaught.isEmpty()) {
            Throwable first = uncaught.get(0);
            uncaught.clear();
            throw new AssertionError("a greenlet died of an unexpected exception: " + first, first);
        }
        if (problems != null) {
            throw problems;
        }
    }

    /** The transport under the hub's poller. */
    protected static Transport poller() {
        return Transport.current();
    }

    /** The number of open file descriptors of this process. */
    protected static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
