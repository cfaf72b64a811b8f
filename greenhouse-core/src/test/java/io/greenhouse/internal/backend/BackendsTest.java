package io.greenhouse.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import co.paralleluniverse.fibers.Instrumented;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Scheduler;
import io.greenhouse.internal.ContinuationBackend;

/** Backend selection, and the shape of the park path that every switch goes through. */
class BackendsTest {

    @Test
    @Tag("quasar")
    void quasarIsTheDefaultAndIsAvailableHere() {
        assertEquals("quasar", Backends.SELECTED.name());
        assertTrue(ParkSites.QUASAR);
        assertNull(Backends.SELECTED.unavailabilityReason(), "the tests run with the agent");
    }

    @Test
    void theSelectedBackendIsTheOneThePropertyNames() {
        assertEquals(System.getProperty(Backends.PROPERTY, "quasar"), Backends.SELECTED.name());
        assertEquals(Backends.SELECTED.name().equals("quasar"), ParkSites.QUASAR);
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void theJdkBackendOnAnOlderJdkSaysItNeedsJdk21() {
        String reason = Backends.select("jdk").unavailabilityReason();
        assertTrue(reason.contains("-Dgreenhouse.backend=jdk needs JDK 21 or newer"), reason);
        assertTrue(reason.contains("this JVM is " + Runtime.version()), reason);
        assertTrue(reason.contains("-Dgreenhouse.backend=quasar"), reason);
    }

    @Test
    void aNameThatSelectsNoBackendIsReportedWithTheFix() {
        ContinuationBackend b = Backends.select("nonesuch");
        String reason = b.unavailabilityReason();
        assertTrue(reason.contains("-Dgreenhouse.backend=nonesuch"), reason);
        assertTrue(reason.contains("-Dgreenhouse.backend=jdk"), reason);
        assertTrue(reason.contains("-Dgreenhouse.backend=quasar"), reason);
        assertThrows(IllegalStateException.class, () -> b.create(() -> { }));
    }

    /**
     * Every park call site calls Fiber.yield from its own frame: a frame between them, even one that only
     * forwards, costs every switch (see ParkSites).
     */
    @Test
    void everyParkCallSiteCallsFiberParkItself() throws Exception {
        assertCallsFiberPark(Scheduler.class.getMethod("pause"));
        assertCallsFiberPark(GreenLockSupport.class.getMethod("park", Object.class));
        assertCallsFiberPark(ParkSites.class.getMethod("parkUntil", Object.class, long.class));
        assertCallsFiberPark(ParkSites.class.getMethod("parkNanos", Object.class, long.class));
    }

    private static void assertCallsFiberPark(Method m) {
        Instrumented i = m.getAnnotation(Instrumented.class);
        assertNotNull(i, m + " is not instrumented");
        assertTrue(Arrays.asList(i.suspendableCallSiteNames()).contains("co/paralleluniverse/fibers/Fiber.yield()V"),
                m + " does not call Fiber.yield itself: " + Arrays.toString(i.suspendableCallSiteNames()));
    }
}
