package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Scheduler;

/** {@link ConditionContractTest} with an {@link RLock}: greenhouse's {@code ConditionRLockTestCase}. */
class ConditionRLockTest extends ConditionContractTest {
    @Override
    Lock newLock() {
        return new RLock();
    }

    @Test
    void defaultLockIsAnRLock() {
        assertTrue(new Condition().lock() instanceof RLock);
    }

    @Test
    void awaitReleasesEveryHoldAndRestoresTheCount() throws Exception {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        List<Integer> holds = new ArrayList<>();
        Scheduler.schedule(() -> {
            lock.acquire();
            lock.acquire();
            lock.acquire();
            cond.await();
            holds.add(lock.holdCount());
            lock.release();
            lock.release();
            lock.release();
        });
        Scheduler.pause();
        try (Lock.Held held = cond.acquired()) {   // free: the waiter released all three holds
            cond.signal();
        }
        Scheduler.pause();
        assertEquals(List.of(3), holds);
        assertEquals(false, lock.locked());
    }
}
