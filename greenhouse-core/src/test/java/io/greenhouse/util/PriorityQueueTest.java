package io.greenhouse.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link QueueContractTest} against {@link PriorityQueue}: greenhouse's {@code PriorityQueueTestCase}. */
class PriorityQueueTest extends QueueContractTest {
    @Override
    <E> Queue<E> newQueue(int maxsize) {
        return new PriorityQueue<>(maxsize);
    }

    @Override
    List<Integer> expectedOrder(List<Integer> in) {
        List<Integer> out = new ArrayList<>(in);
        out.sort(null);
        return out;
    }

    @Test
    void comparatorOrdersTheItems() throws Exception {
        PriorityQueue<String> q = new PriorityQueue<>(0, Comparator.comparing(String::length));
        q.put("ccc");
        q.put("a");
        q.put("bb");
        assertEquals(List.of("a", "bb", "ccc"), List.of(q.get(), q.get(), q.get()));
    }
}
