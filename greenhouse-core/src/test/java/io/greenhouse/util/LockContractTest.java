package io.greenhouse.util;

import static io.greenhouse.util.EventTest.assertWrongThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/**
 * Greenhouse's {@code LockTestCase} (tests/test_utils.py), run against {@link Lock} and {@link RLock}, plus
 * hand-off order, timeouts, exception delivery and misuse.
 */
abstract class LockContractTest extends VirtualTimeTestBase {
    abstract Lock newLock();

    // test_locks
    @Test
    void locks() throws Exception {
        Lock lock = newLock();
        assertFalse(lock.locked());
        lock.acquire();
        assertTrue(lock.locked());
    }

    // test_blocks
    @Test
    void blocks() throws Exception {
        Lock lock = newLock();
        boolean[] l = {false};
        lock.acquire();
        Greenlet g = Scheduler.schedule(() -> {
            lock.acquire();
            l[0] = true;
            lock.release();
        });
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.pause();
        assertFalse(l[0]);
        endAndJoin(g);
    }

    // test_returns_false_nonblocking (the greenlet's result is recorded, not asserted in the greenlet)
    @Test
    void returnsFalseNonblocking() throws Exception {
        Lock lock = newLock();
        List<Boolean> results = new ArrayList<>();
        lock.acquire();
        Scheduler.schedule(() -> results.add(lock.acquire(false)));
        Scheduler.pause();
        assertEquals(List.of(false), results);
    }

    // test_blocks_same_grlet (Lock: not re-entrant)
    @Test
    void blocksSameGrlet() throws Exception {
        Lock lock = newLock();
        lock.acquire();
        assertFalse(lock.acquire(false));
        lock.release();
    }

    // test_fails_on_bad_release_attempt (greenhouse: RuntimeError)
    @Test
    void failsOnBadReleaseAttempt() {
        Lock lock = newLock();
        assertThrows(IllegalStateException.class, lock::release);
    }

    // test_usage_as_context_manager
    @Test
    void usageAsContextManager() throws Exception {
        Lock lock = newLock();
        int[] l = {0};
        Scheduler.schedule(() -> {
            try (Lock.Held held = lock.acquired()) {
                l[0] = 2;
            }
        });
        try (Lock.Held held = lock.acquired()) {
            l[0] = 1;
            Scheduler.pause();
            assertEquals(1, l[0]);
        }
        Scheduler.pause();
        assertEquals(2, l[0]);
        assertFalse(lock.locked());
    }

    // test_release_race
    @Test
    void releaseRace() throws Exception {
        Lock lock = newLock();
        List<Integer> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            lock.acquire();
            Scheduler.pause();
            lock.release();
        });
        Greenlet second = Scheduler.schedule(() -> {
            lock.acquire();
            l.add(1);
        });
        Greenlet third = Scheduler.schedule(() -> {
            lock.acquire();
            l.add(2);
        });
        for (int i = 0; i < 4; i++) {
            Scheduler.pause();
        }
        assertEquals(1, l.size());
        endAndJoin(second, third);   // one of them waits forever for the lock the other never releases
    }

    @Test
    void releaseHandsTheLockToTheLongestWaitingGreenlet() throws Exception {
        Lock lock = newLock();
        List<Integer> order = new ArrayList<>();
        lock.acquire();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                lock.acquire();
                order.add(n);
                Scheduler.pause();
                lock.release();
            });
        }
        Scheduler.pause();
        assertEquals(5, lock.waiting());
        lock.release();
        assertTrue(lock.locked(), "handed off, still locked");
        assertFalse(lock.acquire(false), "no barging past the waiters");
        for (int i = 0; i < 12; i++) {
            Scheduler.pause();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        assertFalse(lock.locked());
    }

    @Test
    void timedAcquireReturnsFalseWhenTheTimeRunsOut() throws Exception {
        Lock lock = newLock();
        List<Boolean> results = new ArrayList<>();
        lock.acquire();
        Scheduler.schedule(() -> results.add(lock.acquire(EventTest.TESTING_TIMEOUT)));
        Scheduler.pauseFor(EventTest.TESTING_TIMEOUT * 2);
        assertEquals(List.of(false), results);
        assertEquals(0, lock.waiting());
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void timedAcquireSucceedsWhenReleasedInTime() throws Exception {
        Lock lock = newLock();
        List<Boolean> results = new ArrayList<>();
        lock.acquire();
        Scheduler.schedule(() -> results.add(lock.acquire(java.time.Duration.ofSeconds(5))));
        Scheduler.pause();
        lock.release();
        Scheduler.pause();
        assertEquals(List.of(true), results);
        assertTrue(lock.locked());
    }

    @Test
    void scheduledExceptionWhileWaitingLeavesTheQueue() throws Exception {
        Lock lock = newLock();
        List<Object> l = new ArrayList<>();
        lock.acquire();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                lock.acquire();
                l.add("acquired");
            } catch (IllegalArgumentException e) {
                l.add(e);
            }
        });
        Scheduler.pause();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Scheduler.scheduleException(boom, g);
        Scheduler.pause();
        assertEquals(List.of(boom), l);
        assertEquals(0, lock.waiting());
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void exceptionAfterHandOffPassesTheLockOn() throws Exception {
        Lock lock = newLock();
        List<Object> l = new ArrayList<>();
        lock.acquire();
        Greenlet first = Scheduler.schedule(() -> {
            try {
                lock.acquire();
                l.add("first");
            } catch (IllegalArgumentException e) {
                l.add(e);
            }
        });
        Scheduler.schedule(() -> {
            lock.acquire();
            l.add("second");
            lock.release();
        });
        Scheduler.pause();
        lock.release();                         // handed to first, which has not run yet
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Scheduler.scheduleException(boom, first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of(boom, "second"), l);
        assertFalse(lock.locked());
    }

    @Test
    void endWhileWaitingLeavesTheQueue() throws Exception {
        Lock lock = newLock();
        lock.acquire();
        Greenlet g = Scheduler.schedule(() -> lock.acquire());
        Scheduler.pause();
        Scheduler.end(g);
        Scheduler.pause();
        assertTrue(g.isDead());
        assertEquals(0, lock.waiting());
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void mainGreenletWaitsByRunningTheLoop() throws Exception {
        Lock lock = newLock();
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            lock.acquire();
            Scheduler.pauseFor(0.01);
            l.add("g");
            lock.release();
        });
        Scheduler.pause();
        lock.acquire();
        l.add("main");
        assertEquals(List.of("g", "main"), l);
    }

    @Test
    void deadlockOfTheMainGreenletLeavesTheQueue() throws Exception {
        Lock lock = newLock();
        Event never = new Event();
        Greenlet g = Scheduler.schedule(() -> {
            lock.acquire();
            never.await();
        });
        Scheduler.pause();
        assertThrows(io.greenhouse.DeadlockException.class, lock::acquire);
        assertEquals(0, lock.waiting());
        assertFalse(lock.isHeldByCurrentGreenlet());
        endAndJoin(g);
    }

    @Test
    void releaseByAnotherGreenletThrows() throws Exception {
        Lock lock = newLock();
        List<Throwable> l = new ArrayList<>();
        lock.acquire();
        Scheduler.schedule(() -> {
            try {
                lock.release();
            } catch (IllegalStateException e) {
                l.add(e);
            }
        });
        Scheduler.pause();
        assertEquals(1, l.size());
        assertTrue(lock.locked());
        assertTrue(lock.isHeldByCurrentGreenlet());
    }

    @Test
    void misuse() throws Exception {
        Lock lock = newLock();
        assertThrows(IllegalArgumentException.class, () -> lock.acquire(Double.NaN));
        assertThrows(NullPointerException.class, () -> lock.acquire((java.time.Duration) null));
        assertWrongThread(lock::locked);
        assertWrongThread(lock::release);
    }

    @Test
    void heldReleasesOnClose() throws Exception {
        Lock lock = newLock();
        Lock.Held held = lock.acquired();
        assertTrue(lock.locked());
        held.close();
        assertFalse(lock.locked());
        assertThrows(IllegalStateException.class, held::close);
    }

    static void sameInstance(Object a, Object b) {
        assertSame(a, b);
    }
}
