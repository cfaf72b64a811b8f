package io.greenhouse.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import co.paralleluniverse.fibers.Instrumented;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.ContinuationBackend;

/** Backend selection, and the shape of the park path that every switch goes through. */
class BackendsTest {

    @Test
    void quasarIsTheDefaultAndIsAvailableHere() {
        assertEquals("quasar", Backends.SELECTED.name());
        assertNull(Backends.SELECTED.unavailabilityReason(), "the tests run with the agent");
    }

    @Test
    void aNameThatSelectsNoBackendIsReportedWithTheFix() {
        ContinuationBackend b = Backends.select("jdk");
        String reason = b.unavailabilityReason();
        assertTrue(reason.contains("-Dgreenhouse.backend=jdk"), reason);
        assertTrue(reason.contains("-Dgreenhouse.backend=quasar"), reason);
        assertThrows(IllegalStateException.class, () -> b.create(() -> { }));
    }

    /**
     * Scheduler.pause and GreenLockSupport.park only forward to the park call sites, and Quasar leaves such
     * frames uninstrumented: a switch costs no frame more than if they called Fiber.park themselves. Anything
     * added before the forwarding call would make them instrumented frames again, on every switch.
     */
    @Test
    void thePublicParkEntryPointsAreForwardersQuasarNeedNotSave() throws Exception {
        assertOptimized(Scheduler.class.getMethod("pause"));
        assertOptimized(GreenLockSupport.class.getMethod("park", Object.class));
    }

    private static void assertOptimized(Method m) {
        Instrumented i = m.getAnnotation(Instrumented.class);
        assertTrue(i != null && i.methodOptimized(), m + " is an instrumented frame: " + i);
    }
}
