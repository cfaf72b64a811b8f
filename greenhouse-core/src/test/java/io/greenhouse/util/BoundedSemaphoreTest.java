package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link SemaphoreContractTest} against {@link BoundedSemaphore}: greenhouse's {@code BoundedSemaphoreTestCase}. */
class BoundedSemaphoreTest extends SemaphoreContractTest {
    @Override
    Semaphore newSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    // test_cant_release (greenhouse: ValueError)
    @Test
    void cantRelease() {
        assertThrows(IllegalStateException.class, () -> new BoundedSemaphore().release());
    }

    @Test
    void releaseBeyondTheInitialValueThrows() throws Exception {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        sem.acquire();
        sem.release();
        assertThrows(IllegalStateException.class, sem::release);
    }
}
