package io.greenhouse.util;

import static io.greenhouse.util.EventTest.TESTING_TIMEOUT;
import static io.greenhouse.util.EventTest.assertWrongThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/**
 * Greenhouse's {@code ConditionLockTestCase} and {@code ConditionRLockTestCase} (tests/test_utils.py),
 * plus signalling, timeouts and exception delivery.
 */
abstract class ConditionContractTest extends VirtualTimeTestBase {
    abstract Lock newLock();

    // test_must_acquire_to_operate (greenhouse: RuntimeError)
    @Test
    void mustAcquireToOperate() {
        Condition cond = new Condition(newLock());
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, cond::await);
        assertThrows(IllegalStateException.class, cond::signalAll);
    }

    // test_owned_by_someone_else
    @Test
    void ownedBySomeoneElse() throws Exception {
        Condition cond = new Condition(newLock());
        Greenlet owner = Scheduler.schedule(() -> {
            cond.acquire();
            Scheduler.pause();
            cond.release();
        });
        Scheduler.pause();
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, cond::await);
        assertThrows(IllegalStateException.class, cond::signalAll);
        owner.join();
    }

    // test_notify_wakes_up_one_at_a_time
    @Test
    void notifyWakesUpOneAtATime() throws Exception {
        Condition cond = new Condition(newLock());
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                cond.acquire();
                cond.await();
                cond.release();
                l.add(n);
            });
        }
        Scheduler.pause();
        assertEquals(0, l.size());
        for (int i = 0; i < 10; i++) {
            cond.acquire();
            cond.signal();
            cond.release();
            Scheduler.pause();
            assertEquals(i + 1, l.size());
        }
        Scheduler.pause();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), l);
    }

    // test_notify_all_wakes_everyone
    @Test
    void notifyAllWakesEveryone() throws Exception {
        Condition cond = new Condition(newLock());
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                cond.acquire();
                cond.await();
                cond.release();
                l.add(n);
            });
        }
        Scheduler.pause();
        cond.acquire();
        cond.signalAll();
        cond.release();
        Scheduler.pause();
        assertEquals(10, l.size());
    }

    // test_waiting_with_timeouts (greenhouse sleeps the thread for 0.1 s; we pause for it)
    @Test
    void waitingWithTimeouts() throws Exception {
        Condition cond = new Condition(newLock());
        List<Boolean> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Scheduler.schedule(() -> {
                cond.acquire();
                l.add(cond.await(TESTING_TIMEOUT));
                cond.release();
            });
        }
        Scheduler.pause();
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        Scheduler.pause();
        assertEquals(10, l.size());
        assertFalse(l.contains(true), "every wait timed out");
        assertEquals(0, cond.waiting());
        assertFalse(cond.lock().locked());
    }

    @Test
    void signalNWakesTheFirstN() throws Exception {
        Condition cond = new Condition(newLock());
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                try (Lock.Held held = cond.acquired()) {
                    cond.await();
                    l.add(n);
                }
            });
        }
        Scheduler.pause();
        try (Lock.Held held = cond.acquired()) {
            cond.signal(3);
        }
        Scheduler.pause();
        assertEquals(List.of(0, 1, 2), l);
        assertEquals(2, cond.waiting());
        try (Lock.Held held = cond.acquired()) {
            cond.signalAll();   // the last two, so that the test leaves no greenlet waiting
        }
        Scheduler.pause();
    }

    @Test
    void timedAwaitReturnsTrueWhenSignalled() throws Exception {
        Condition cond = new Condition(newLock());
        List<Boolean> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            try (Lock.Held held = cond.acquired()) {
                l.add(cond.await(java.time.Duration.ofSeconds(5)));
                l.add(cond.lock().isHeldByCurrentGreenlet());
            }
        });
        Scheduler.pause();
        try (Lock.Held held = cond.acquired()) {
            cond.signal();
        }
        Scheduler.pause();
        assertEquals(List.of(true, true), l);
    }

    @Test
    void exceptionWhileWaitingIsThrownWithTheLockHeld() throws Exception {
        Condition cond = new Condition(newLock());
        List<Object> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            cond.acquire();
            try {
                cond.await();
            } catch (IllegalArgumentException e) {
                l.add(cond.lock().isHeldByCurrentGreenlet());
            } finally {
                cond.release();
            }
        });
        Scheduler.pause();
        cond.acquire();                          // main holds the lock while the exception arrives
        Scheduler.scheduleException(new IllegalArgumentException(), g);
        Scheduler.pause();
        assertEquals(List.of(), l, "it waits for the lock before throwing");
        cond.release();
        Scheduler.pause();
        assertEquals(List.of(true), l);
        assertEquals(0, cond.waiting());
        assertFalse(cond.lock().locked());
    }

    @Test
    void signalConsumedByAFailingWaiterGoesToTheNext() throws Exception {
        Condition cond = new Condition(newLock());
        List<Object> l = new ArrayList<>();
        Greenlet first = Scheduler.schedule(() -> {
            try (Lock.Held held = cond.acquired()) {
                cond.await();
                l.add("first");
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.schedule(() -> {
            try (Lock.Held held = cond.acquired()) {
                cond.await();
                l.add("second");
            }
        });
        Scheduler.pause();
        try (Lock.Held held = cond.acquired()) {
            cond.signal();
        }
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("first failed", "second"), l);
    }

    @Test
    void misuse() throws Exception {
        assertThrows(NullPointerException.class, () -> new Condition(null));
        Condition cond = new Condition(newLock());
        cond.acquire();
        assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
        assertThrows(IllegalArgumentException.class, () -> cond.await(Double.NaN));
        assertTrue(cond.lock().isHeldByCurrentGreenlet(), "a rejected await keeps the lock");
        assertWrongThread(cond::signal);
    }
}
