package io.greenhouse.util;

import static io.greenhouse.util.EventTest.TESTING_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/** Greenhouse's {@code TimerTestCase} (tests/test_utils.py), plus cancel results and misuse. */
class TimerTest extends VirtualTimeTestBase {
    // test_pauses
    @Test
    void pauses() throws Exception {
        boolean[] l = {false};
        new Timer(TESTING_TIMEOUT, () -> l[0] = true).start();
        assertFalse(l[0]);
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertTrue(l[0]);
    }

    // test_cancels
    @Test
    void cancels() throws Exception {
        boolean[] l = {false};
        Timer timer = new Timer(TESTING_TIMEOUT, () -> l[0] = true);
        Greenlet g = timer.start();
        assertTrue(timer.cancel());
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertFalse(l[0]);
        assertTrue(g.isDead());
    }

    // test_args (arguments are captured by the lambda)
    @Test
    void args() throws Exception {
        List<Object> l = new ArrayList<>();
        int a = 3;
        int b = 76;
        new Timer(TESTING_TIMEOUT, () -> l.add(List.of(a, b))).start();
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertEquals(List.of(3, 76), l.get(0));
    }

    // test_kwargs (keyword arguments are captured by the lambda)
    @Test
    void kwargs() throws Exception {
        List<Object> l = new ArrayList<>();
        Map<String, Integer> kwargs = Map.of("a", 1, "b", 2);
        new Timer(TESTING_TIMEOUT, () -> l.add(kwargs)).start();
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertEquals(Map.of("a", 1, "b", 2), l.get(0));
    }

    @Test
    void cancelIsTrueOnlyTheFirstTimeAndBeforeItRan() throws Exception {
        Timer once = new Timer(0, () -> { });
        once.start();
        Scheduler.pauseFor(0.01);
        assertTrue(once.isFinished());
        assertFalse(once.cancel(), "already ran");
        Timer twice = new Timer(10, () -> { });
        assertTrue(twice.cancel());
        assertFalse(twice.cancel());
    }

    @Test
    void misuse() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Timer(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Timer(Double.NaN, () -> { }));
        assertThrows(NullPointerException.class, () -> new Timer(1, null));
        Timer t = new Timer(1, () -> { });
        Greenlet g = t.start();
        assertThrows(IllegalStateException.class, t::start);
        t.cancel();
        g.join();
    }
}
