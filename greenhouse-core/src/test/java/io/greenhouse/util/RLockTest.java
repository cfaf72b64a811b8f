package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Scheduler;

/** {@link LockContractTest} against {@link RLock}: greenhouse's {@code RLockTestCase}. */
class RLockTest extends LockContractTest {
    @Override
    Lock newLock() {
        return new RLock();
    }

    // test_blocks_same_grlet (RLock override: re-entrant)
    @Test
    @Override
    void blocksSameGrlet() throws Exception {
        Lock lock = newLock();
        lock.acquire();
        assertTrue(lock.acquire(false));
    }

    // test_isowned_method
    @Test
    void isownedMethod() throws Exception {
        Lock lock = newLock();
        assertFalse(lock.isHeldByCurrentGreenlet());
        lock.acquire();
        assertTrue(lock.isHeldByCurrentGreenlet());
    }

    @Test
    void releasedAfterAsManyReleasesAsAcquires() throws Exception {
        RLock lock = new RLock();
        List<String> l = new ArrayList<>();
        lock.acquire();
        lock.acquire();
        assertEquals(2, lock.holdCount());
        Scheduler.schedule(() -> {
            lock.acquire();
            l.add("g");
            lock.release();
        });
        lock.release();
        Scheduler.pause();
        assertEquals(List.of(), l);
        lock.release();
        Scheduler.pause();
        assertEquals(List.of("g"), l);
        assertFalse(lock.locked());
        assertEquals(0, lock.holdCount());
    }
}
