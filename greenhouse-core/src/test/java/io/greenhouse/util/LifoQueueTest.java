package io.greenhouse.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@link QueueContractTest} against {@link LifoQueue}: greenhouse's {@code LifoQueueTestCase}. */
class LifoQueueTest extends QueueContractTest {
    @Override
    <E> Queue<E> newQueue(int maxsize) {
        return new LifoQueue<>(maxsize);
    }

    @Override
    List<Integer> expectedOrder(List<Integer> in) {
        List<Integer> out = new ArrayList<>(in);
        Collections.reverse(out);
        return out;
    }
}
