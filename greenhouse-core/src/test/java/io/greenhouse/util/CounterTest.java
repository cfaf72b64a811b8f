package io.greenhouse.util;

import static io.greenhouse.util.EventTest.TESTING_TIMEOUT;
import static io.greenhouse.util.EventTest.assertWrongThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.HubTestBase;
import io.greenhouse.Scheduler;

/** Greenhouse's {@code CounterTestCase} (tests/test_utils.py), plus pass-through, timeouts and exceptions. */
class CounterTest extends HubTestBase {
    // test_counts
    @Test
    void counts() {
        Counter c = new Counter();
        assertEquals(0, c.count());
        c.increment();
        c.increment();
        c.increment();
        assertEquals(3, c.count());
        c.decrement();
        c.decrement();
        assertEquals(1, c.count());
    }

    // test_blocks
    @Test
    void blocks() throws Exception {
        Counter c = new Counter(1);
        int[] l = {0};
        Greenlet g = Scheduler.schedule(() -> {
            c.await(0);
            l[0]++;
        });
        Scheduler.pause();
        assertEquals(0, l[0]);
        endAndJoin(g);
    }

    // test_releases
    @Test
    void releases() throws Exception {
        Counter c = new Counter(1);
        int[] l = {0};
        Scheduler.schedule(() -> {
            c.await(0);
            l[0]++;
        });
        Scheduler.pause();
        assertEquals(0, l[0]);
        c.decrement();
        Scheduler.pause();
        assertEquals(1, l[0]);
    }

    // test_releases_up
    @Test
    void releasesUp() throws Exception {
        Counter c = new Counter();
        int[] l = {0};
        Scheduler.schedule(() -> {
            c.await(4);
            l[0]++;
        });
        for (int i = 0; i < 4; i++) {
            assertEquals(0, l[0]);
            c.increment();
            Scheduler.pause();
        }
        assertEquals(1, l[0]);
    }

    @Test
    void passingThroughTheTargetWakesTheWaiter() throws Exception {
        Counter c = new Counter(1);
        List<Integer> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            c.await(0);
            l.add(c.count());
        });
        Scheduler.pause();
        c.decrement();
        c.increment();
        Scheduler.pause();
        assertEquals(List.of(1), l);
        assertTrue(c.await(1, 0));
    }

    @Test
    void timedAwaitReturnsFalseWhenTheTimeRunsOut() throws Exception {
        Counter c = new Counter();
        assertFalse(c.await(2, TESTING_TIMEOUT));
        assertEquals(0, c.waiting());
    }

    @Test
    void exceptionWhileWaitingLeavesTheWaiters() throws Exception {
        Counter c = new Counter();
        List<Object> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                c.await(3);
            } catch (IllegalArgumentException e) {
                l.add("failed");
            }
        });
        Scheduler.pause();
        Scheduler.scheduleException(new IllegalArgumentException(), g);
        Scheduler.pause();
        assertEquals(List.of("failed"), l);
        assertEquals(0, c.waiting());
    }

    @Test
    void misuse() throws Exception {
        Counter c = new Counter();
        assertWrongThread(c::increment);
    }
}
