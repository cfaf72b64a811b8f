package io.greenhouse.util;

import java.util.List;

/** {@link QueueContractTest} against {@link Queue}: greenhouse's {@code QueueTestCase}. */
class QueueTest extends QueueContractTest {
    @Override
    <E> Queue<E> newQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    @Override
    List<Integer> expectedOrder(List<Integer> in) {
        return in;
    }
}
