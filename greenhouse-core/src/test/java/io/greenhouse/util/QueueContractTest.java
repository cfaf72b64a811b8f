package io.greenhouse.util;

import static io.greenhouse.util.EventTest.TESTING_TIMEOUT;
import static io.greenhouse.util.EventTest.assertWrongThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.Greenlet;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/**
 * Greenhouse's {@code QueueTestCase} (tests/test_utils.py), run against {@link Queue}, {@link LifoQueue}
 * and {@link PriorityQueue}, plus the fixed quirks, timeouts, exception delivery and misuse.
 */
abstract class QueueContractTest extends VirtualTimeTestBase {
    static final List<Integer> L = List.of(32, 17, 0, 34, 3, 18, 41, 21, 14, 29, 28, 35, 15, 47, 9, 8, 44, 30, 20,
            46, 25, 24, 36, 11, 12, 38, 10, 19, 23, 13, 31, 4, 7, 39, 27, 1, 2, 40, 33, 6, 26, 22, 48, 5, 49, 45, 42,
            16, 43, 37);

    abstract <E> Queue<E> newQueue(int maxsize);

    /** The order in which the items of {@link #L} come out. */
    abstract List<Integer> expectedOrder(List<Integer> in);

    // test_order
    @Test
    void order() throws Exception {
        Queue<Integer> q = newQueue(0);
        for (int x : L) {
            q.put(x);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < L.size(); i++) {
            out.add(q.get());
        }
        assertEquals(expectedOrder(L), out);
    }

    // test_blocks
    @Test
    void blocks() throws Exception {
        Queue<String> q = newQueue(0);
        boolean[] l = {false};
        Scheduler.schedule(() -> {
            q.put("x");
            l[0] = true;
        });
        assertEquals("x", q.get());
        assertTrue(l[0]);
    }

    // test_nonblocking_raises_empty
    @Test
    void nonblockingRaisesEmpty() {
        Queue<Integer> q = newQueue(0);
        assertThrows(Queue.Empty.class, q::getNowait);
        assertThrows(Queue.Empty.class, () -> q.get(false, -1));
    }

    // test_nonblocking_raises_full
    @Test
    void nonblockingRaisesFull() throws Exception {
        Queue<Integer> q = newQueue(2);
        q.put(1);
        q.put(2);
        assertThrows(Queue.Full.class, () -> q.putNowait(3));
        assertThrows(Queue.Full.class, () -> q.put(3, false, -1));
    }

    // test_put_sized_nonblocking
    @Test
    void putSizedNonblocking() throws Exception {
        Queue<Integer> q = newQueue(3);
        q.put(4);
        q.put(5);
        q.put(6);
        assertThrows(Queue.Full.class, () -> q.put(7, false, -1));
    }

    // test_put_sized_blocking
    @Test
    void putSizedBlocking() throws Exception {
        Queue<Integer> q = newQueue(3);
        boolean[] l = {false};
        q.put(4);
        q.put(5);
        q.put(6);
        Scheduler.schedule(() -> {
            q.put(7);
            l[0] = true;
        });
        Scheduler.pause();
        assertFalse(l[0]);
        q.get();
        Scheduler.pause();
        assertTrue(l[0]);
    }

    // test_timeout
    @Test
    void timeout() throws Exception {
        Queue<Integer> q = newQueue(0);
        java.time.Instant start = Scheduler.clock().instant();
        assertThrows(Queue.Empty.class, () -> q.get(true, TESTING_TIMEOUT));
        // In nanoseconds: the virtual clock is exact, seconds as doubles near 2023 are not
        assertTrue(Duration.between(start, Scheduler.clock().instant()).toNanos() >= TESTING_TIMEOUT * 1e9);
        assertEquals(0, q.waiting());
    }

    // test_joins
    @Test
    void joins() throws Exception {
        Queue<Integer> q = newQueue(0);
        boolean[] l = {false};
        q.put(1);
        Scheduler.schedule(() -> {
            q.join();
            l[0] = true;
        });
        Scheduler.pause();
        assertFalse(l[0]);
        q.get();
        Scheduler.pause();
        assertFalse(l[0]);
        q.taskDone();
        Scheduler.pause();
        assertTrue(l[0]);
    }

    // test_calling_task_done_too_many_times (greenhouse: ValueError)
    @Test
    void callingTaskDoneTooManyTimes() throws Exception {
        Queue<Integer> q = newQueue(0);
        q.put(1);
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    // test_empty_method
    @Test
    void emptyMethod() throws Exception {
        Queue<Integer> q = newQueue(0);
        assertTrue(q.empty());
        q.put(5);
        assertFalse(q.empty());
        q.get();
        assertTrue(q.empty());
    }

    // test_full_method
    @Test
    void fullMethod() throws Exception {
        Queue<Integer> q = newQueue(2);
        assertFalse(q.full());
        q.put(1);
        assertFalse(q.full());
        q.put(2);
        assertTrue(q.full());
        q.get();
        assertFalse(q.full());
        q.put(3);
        assertTrue(q.full());
    }

    // test_qsize
    @Test
    void qsize() throws Exception {
        Queue<Integer> q = newQueue(0);
        assertEquals(0, q.qsize());
        q.put(1);
        q.put(2);
        assertEquals(2, q.qsize());
        q.get();
        assertEquals(1, q.qsize());
        q.put(3);
        q.put(4);
        assertEquals(3, q.qsize());
    }

    @Test
    void joinOnAFreshQueueReturnsAtOnce() throws Exception {
        Queue<Integer> q = newQueue(0);
        q.join();
        assertTrue(q.join(0));
    }

    @Test
    void timedJoinReturnsFalseWhenTasksStayOpen() throws Exception {
        Queue<Integer> q = newQueue(0);
        q.put(1);
        assertFalse(q.join(TESTING_TIMEOUT));
        assertEquals(1, q.unfinishedTasks());
    }

    @Test
    void getterWhoseItemWasTakenWaitsAgain() throws Exception {
        Queue<String> q = newQueue(0);
        List<String> got = new ArrayList<>();
        Scheduler.schedule(() -> got.add(q.get()));
        Scheduler.pause();
        q.put("a");                    // wakes the getter...
        assertEquals("a", q.getNowait()); // ...but main takes the item first
        Scheduler.pause();
        assertEquals(List.of(), got);
        assertEquals(1, q.waiting());
        q.put("b");
        Scheduler.pause();
        assertEquals(List.of("b"), got);
    }

    @Test
    void gettersAreServedInArrivalOrder() throws Exception {
        Queue<Integer> q = newQueue(0);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Scheduler.schedule(() -> got.add(n + ":" + q.get()));
        }
        Scheduler.pause();
        for (int i = 0; i < 4; i++) {
            q.put(i * 10);
        }
        Scheduler.pause();
        assertEquals(4, got.size());
        assertEquals(List.of("0:", "1:", "2:", "3:"), got.stream().map(s -> s.substring(0, 2)).toList());
    }

    @Test
    void timedPutThrowsFullAndDoesNotAddTheItem() throws Exception {
        Queue<Integer> q = newQueue(1);
        q.put(1);
        assertThrows(Queue.Full.class, () -> q.put(2, Duration.ofMillis(20)));
        assertEquals(1, q.qsize());
        assertEquals(1, q.unfinishedTasks());
        assertEquals(0, q.waiting());
    }

    @Test
    void timedGetReturnsAnItemPutInTime() throws Exception {
        Queue<Integer> q = newQueue(0);
        Scheduler.schedule(() -> q.put(9));
        assertEquals(9, q.get(Duration.ofSeconds(5)));
    }

    @Test
    void exceptionInABlockedGetterPassesItsWakeUpOn() throws Exception {
        Queue<Integer> q = newQueue(0);
        List<Object> l = new ArrayList<>();
        Greenlet first = Scheduler.schedule(() -> {
            try {
                l.add(q.get());
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.schedule(() -> l.add(q.get()));
        Scheduler.pause();
        q.put(5);                                              // wakes first
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("first failed", 5), l);
        assertTrue(q.empty());
        assertEquals(0, q.waiting());
    }

    @Test
    void endOfABlockedPutterDoesNotAddItsItem() throws Exception {
        Queue<Integer> q = newQueue(1);
        q.put(1);
        Greenlet g = Scheduler.schedule(() -> q.put(2));
        Scheduler.pause();
        Scheduler.end(g);
        Scheduler.pause();
        assertTrue(g.isDead());
        assertEquals(1, q.qsize());
        assertEquals(0, q.waiting());
        assertEquals(1, q.get());
        assertTrue(q.empty());
    }

    @Test
    void exceptionInABlockedPutterPassesTheFreedSlotOn() throws Exception {
        Queue<Integer> q = newQueue(1);
        List<Object> l = new ArrayList<>();
        q.put(0);
        Greenlet first = Scheduler.schedule(() -> {
            try {
                q.put(1);
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.schedule(() -> {
            q.put(2);
            l.add("second put");
        });
        Scheduler.pause();
        assertEquals(0, q.get());                               // wakes first
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("first failed", "second put"), l);
        assertEquals(2, q.get());
    }

    @Test
    void misuse() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> newQueue(-1));
        Queue<Integer> q = newQueue(0);
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(IllegalArgumentException.class, () -> q.get(true, Double.NaN));
        assertWrongThread(q::qsize);
        assertWrongThread(() -> q.putNowait(1));
    }
}
