package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link LockContractTest} against {@link Lock}: greenhouse's {@code LockTestCase}. */
class LockTest extends LockContractTest {
    @Override
    Lock newLock() {
        return new Lock();
    }

    @Test
    void blockingReacquireByTheOwnerThrowsInsteadOfHanging() throws Exception {
        Lock lock = newLock();
        lock.acquire();
        assertThrows(IllegalStateException.class, lock::acquire);
    }
}
