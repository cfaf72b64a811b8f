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
 * Greenhouse's {@code CommonSemaphoreTests} (tests/test_utils.py), run against {@link Semaphore} and
 * {@link BoundedSemaphore}, plus hand-off, timeouts, exception delivery and misuse.
 */
abstract class SemaphoreContractTest extends VirtualTimeTestBase {
    abstract Semaphore newSemaphore(int value);

    // test_blocks
    @Test
    void blocks() throws Exception {
        Semaphore sem = newSemaphore(1);
        sem.acquire();
        assertFalse(sem.acquire(false));
    }

    // test_releasing_awakens
    @Test
    void releasingAwakens() throws Exception {
        Semaphore sem = newSemaphore(1);
        boolean[] l = {false};
        sem.acquire();
        Scheduler.schedule(() -> {
            sem.acquire();
            l[0] = true;
        });
        Scheduler.pause();
        Scheduler.pause();
        assertFalse(l[0]);
        sem.release();
        Scheduler.pause();
        assertTrue(l[0]);
    }

    // test_as_context_manager
    @Test
    void asContextManager() throws Exception {
        Semaphore sem = newSemaphore(1);
        boolean[] l = {false};
        Scheduler.schedule(() -> {
            sem.acquire();
            l[0] = true;
        });
        try (Lock.Held permit = sem.acquired()) {
            Scheduler.pause();
            Scheduler.pause();
            assertFalse(l[0]);
        }
        Scheduler.pause();
        assertTrue(l[0]);
    }

    @Test
    void releaseHandsThePermitToTheLongestWaitingGreenlet() throws Exception {
        Semaphore sem = newSemaphore(1);
        List<Integer> order = new ArrayList<>();
        sem.acquire();
        for (int i = 0; i < 3; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                sem.acquire();
                order.add(n);
                sem.release();
            });
        }
        Scheduler.pause();
        sem.release();
        assertEquals(0, sem.value(), "handed off, not counted");
        assertFalse(sem.acquire(false), "no barging past the waiters");
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of(0, 1, 2), order);
        assertEquals(1, sem.value());
    }

    @Test
    void timedAcquireReturnsFalseWhenTheTimeRunsOut() throws Exception {
        Semaphore sem = newSemaphore(1);
        sem.acquire();
        assertFalse(sem.acquire(TESTING_TIMEOUT));
        assertEquals(0, sem.waiting());
        sem.release();
        assertTrue(sem.acquire(java.time.Duration.ofSeconds(1)));
    }

    @Test
    void exceptionAfterHandOffPassesThePermitOn() throws Exception {
        Semaphore sem = newSemaphore(1);
        List<Object> l = new ArrayList<>();
        sem.acquire();
        Greenlet first = Scheduler.schedule(() -> {
            try {
                sem.acquire();
                l.add("first");
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.schedule(() -> {
            sem.acquire();
            l.add("second");
            sem.release();
        });
        Scheduler.pause();
        sem.release();
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("first failed", "second"), l);
        assertEquals(1, sem.value());
    }

    @Test
    void endWhileWaitingLeavesTheQueue() throws Exception {
        Semaphore sem = newSemaphore(1);
        sem.acquire();
        Greenlet g = Scheduler.schedule(() -> sem.acquire());
        Scheduler.pause();
        Scheduler.end(g);
        Scheduler.pause();
        assertTrue(g.isDead());
        assertEquals(0, sem.waiting());
        sem.release();
        assertEquals(1, sem.value());
    }

    @Test
    void misuse() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> newSemaphore(-1));
        Semaphore sem = newSemaphore(1);
        assertThrows(IllegalArgumentException.class, () -> sem.acquire(Double.NaN));
        assertWrongThread(sem::value);
    }
}
