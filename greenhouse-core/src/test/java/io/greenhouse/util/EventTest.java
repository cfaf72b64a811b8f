package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.Greenlet;
import io.greenhouse.GreenletExit;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/** Greenhouse's {@code EventsTestCase} (tests/test_utils.py), plus exception delivery, order and misuse. */
class EventTest extends VirtualTimeTestBase {
    static final double TESTING_TIMEOUT = 0.05;

    // test_isSet
    @Test
    void isSet() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
    }

    // test_blocks
    @Test
    void blocks() throws Exception {
        Event ev = new Event();
        boolean[] l = {false};
        Greenlet g = Scheduler.schedule(() -> {
            ev.await();
            l[0] = true;
        });
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.pause();
        assertFalse(l[0]);
        endAndJoin(g);
    }

    // test_nonblocking_when_set
    @Test
    void nonblockingWhenSet() throws Exception {
        Event ev = new Event();
        boolean[] l = {false};
        ev.set();
        Scheduler.schedule(() -> {
            ev.await();
            l[0] = true;
        });
        Scheduler.pause();
        assertTrue(l[0]);
    }

    // test_unblocks
    @Test
    void unblocks() throws Exception {
        Event ev = new Event();
        boolean[] l = {false};
        Scheduler.schedule(() -> {
            ev.await();
            l[0] = true;
        });
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.pause();
        assertFalse(l[0]);
        ev.set();
        Scheduler.pause();
        assertTrue(l[0]);
    }

    // test_timeouts (greenhouse's wait returns True on timeout; ours returns false)
    @Test
    void timeouts() throws Exception {
        Event ev = new Event();
        java.time.Instant start = Scheduler.clock().instant();
        assertFalse(ev.await(TESTING_TIMEOUT));
        // In nanoseconds: the virtual clock is exact, seconds as doubles near 2023 are not
        assertTrue(Duration.between(start, Scheduler.clock().instant()).toNanos() >= TESTING_TIMEOUT * 1e9);
    }

    // test_timeouts_in_grlets
    @Test
    void timeoutsInGrlets() throws Exception {
        Event ev = new Event();
        boolean[] l = {false};
        Scheduler.schedule(() -> {
            ev.await(TESTING_TIMEOUT);
            l[0] = true;
        });
        Scheduler.pause();
        assertFalse(l[0]);
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertTrue(l[0]);
    }

    // test_timeout_clears_waiters
    @Test
    void timeoutClearsWaiters() throws Exception {
        Event ev = new Event();
        List<Boolean> results = new ArrayList<>();
        Scheduler.schedule(() -> results.add(ev.await(TESTING_TIMEOUT)));
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertEquals(List.of(false), results);
        assertEquals(0, ev.waiting());
    }

    @Test
    void setWakesWaitersInTheOrderTheyBeganWaiting() throws Exception {
        Event ev = new Event();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                ev.await();
                order.add(n);
            });
        }
        Scheduler.pause();
        ev.set();
        Scheduler.pause();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), order);
    }

    @Test
    void pulseWakesCurrentWaitersOnly() throws Exception {
        Event ev = new Event();
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            assertTrue(ev.await(-1));
            l.add("woken");
        });
        Scheduler.pause();
        ev.set();
        ev.clear();
        Scheduler.pause();
        assertEquals(List.of("woken"), l);
        assertFalse(ev.isSet());
    }

    @Test
    void timedAwaitReturnsTrueWhenSetInTime() throws Exception {
        Event ev = new Event();
        List<Boolean> results = new ArrayList<>();
        Scheduler.schedule(() -> results.add(ev.await(Duration.ofSeconds(10))));
        Scheduler.pause();
        ev.set();
        Scheduler.pause();
        assertEquals(List.of(true), results);
        assertTrue(ev.await(0));
    }

    @Test
    void explicitScheduleDoesNotEndTheWait() throws Exception {
        Event ev = new Event();
        boolean[] l = {false};
        Greenlet g = Scheduler.schedule(() -> {
            ev.await();
            l[0] = true;
        });
        Scheduler.pause();
        Scheduler.schedule(g);
        Scheduler.pause();
        Scheduler.pause();
        assertFalse(l[0]);
        assertEquals(1, ev.waiting());
        ev.set();
        Scheduler.pause();
        assertTrue(l[0]);
    }

    @Test
    void scheduledExceptionComesOutOfAwaitAndLeavesTheWaiters() throws Exception {
        Event ev = new Event();
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                ev.await();
            } catch (IllegalArgumentException e) {
                caught.set(e);
            }
        });
        Scheduler.pause();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Scheduler.scheduleException(boom, g);
        Scheduler.pause();
        assertSame(boom, caught.get());
        assertTrue(g.isDead());
        assertEquals(0, ev.waiting());
    }

    @Test
    void endWhileWaitingKillsQuietlyAndLeavesTheWaiters() throws Exception {
        Event ev = new Event();
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                ev.await(10);
            } catch (GreenletExit e) {
                l.add("exit");
                throw e;
            }
        });
        Scheduler.pause();
        Scheduler.end(g);
        Scheduler.pause();
        assertEquals(List.of("exit"), l);
        assertTrue(g.isDead());
        assertEquals(0, ev.waiting());
    }

    @Test
    @Timeout(10)
    void misuse() throws Exception {
        Event ev = new Event();
        assertThrows(IllegalArgumentException.class, () -> ev.await(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ev.await(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> ev.await((Duration) null));
        assertWrongThread(ev::isSet);
        assertWrongThread(ev::set);
    }

    /** Runs {@code action} on another thread and asserts it throws {@link IllegalStateException}. */
    static void assertWrongThread(Runnable action) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();
        assertTrue(thrown.get() instanceof IllegalStateException, "expected IllegalStateException, got " + thrown.get());
    }
}
