package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.greenhouse.HubTestBase;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** Greenhouse's {@code LocalTestCase} (tests/test_utils.py), plus initial values and removal. */
class LocalTest extends HubTestBase {
    // test_different_values (the greenlet's reading is recorded, not asserted in the greenlet)
    @Test
    void differentValues() throws Exception {
        Local<String> loc = new Local<>();
        List<String> seenByF = new ArrayList<>();
        loc.set("main");
        Scheduler.schedule(() -> {
            loc.set("f");
            Scheduler.pause();
            seenByF.add(loc.get());
        });
        Scheduler.pause();
        assertEquals("main", loc.get());
        Scheduler.pause();
        assertEquals(List.of("f"), seenByF);
    }

    // test_attribute_error (greenhouse raises AttributeError; like ThreadLocal, an unset value reads null)
    @Test
    void attributeError() throws Exception {
        Local<String> loc = new Local<>();
        Greenlet g = Scheduler.schedule(() -> {
            loc.set("f");
            Scheduler.pause();
        });
        Scheduler.pause();
        assertNull(loc.get());
        g.join();
    }

    @Test
    void withInitialCallsTheSupplierOncePerGreenlet() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Local<Integer> loc = Local.withInitial(calls::incrementAndGet);
        List<Integer> seen = new ArrayList<>();
        Scheduler.schedule(() -> {
            seen.add(loc.get());
            seen.add(loc.get());
        });
        Scheduler.pause();
        assertEquals(2, loc.get());
        assertEquals(List.of(1, 1), seen);
        assertEquals(2, calls.get());
    }

    @Test
    void removeRestoresTheInitialValue() {
        Local<String> loc = Local.withInitial(() -> "init");
        loc.set("x");
        assertEquals("x", loc.get());
        loc.remove();
        assertEquals("init", loc.get());
        loc.set(null);
        assertNull(loc.get());
    }
}
