package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link SemaphoreContractTest} against {@link Semaphore}: greenhouse's {@code SemaphoreTestCase}. */
class SemaphoreTest extends SemaphoreContractTest {
    @Override
    Semaphore newSemaphore(int value) {
        return new Semaphore(value);
    }

    // test_counting
    @Test
    void counting() throws Exception {
        Semaphore sem = new Semaphore();
        for (int i = 0; i < 10; i++) {
            sem.release();
        }
        for (int i = 0; i < 11; i++) {
            assertTrue(sem.acquire(false));
        }
        assertFalse(sem.acquire(false));
    }
}
