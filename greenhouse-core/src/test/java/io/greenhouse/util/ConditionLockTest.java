package io.greenhouse.util;

/** {@link ConditionContractTest} with a {@link Lock}: greenhouse's {@code ConditionLockTestCase}. */
class ConditionLockTest extends ConditionContractTest {
    @Override
    Lock newLock() {
        return new Lock();
    }
}
