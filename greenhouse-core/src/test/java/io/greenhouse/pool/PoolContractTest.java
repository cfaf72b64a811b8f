package io.greenhouse.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.GreenFunction;
import io.greenhouse.Greenlet;
import io.greenhouse.HubTestBase;
import io.greenhouse.Scheduler;

/**
 * Greenhouse's {@code OneWayPoolTestCase} (tests/test_pool.py), run against every pool; subclasses add
 * the {@code PoolTestCase} and {@code OrderedPoolTestCase} tests.
 */
abstract class PoolContractTest extends HubTestBase {
    /**
     * {@code close()} does not wait for the workers: it queues their stop markers, which they take at the next
     * refill. Let the pools a test closed stop before the leak check (a pool left open still fails it).
     */
    @AfterEach
    void closedPoolsStop() throws Exception {
        Scheduler.pause();
    }

    /** A pool of {@code size} workers running {@code f} (results discarded by a OneWayPool). */
    abstract OneWayPool<Integer> newPool(GreenFunction<Integer, Integer> f, int size);

    /** Takes {@code n} results: none for a OneWayPool, greenhouse's {@code empty_out}. */
    abstract List<Integer> emptyOut(OneWayPool<Integer> pool, int n) throws Exception;

    static List<Integer> squares(int from, int to) {
        return IntStream.range(from, to).map(x -> x * x).boxed().collect(Collectors.toList());
    }

    static List<Integer> sorted(List<Integer> l) {
        List<Integer> copy = new ArrayList<>(l);
        copy.sort(null);
        return copy;
    }

    // test_shuts_down
    @Test
    void shutsDown() throws Exception {
        OneWayPool<Integer> pool = newPool(x -> x * x, 10);
        pool.start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        emptyOut(pool, 30);
        pool.close();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        Scheduler.pause();
        assertEquals(30, pool.inq.qsize());
        assertFalse(pool.isClosed(), "inputs put after close wait for the next start");
    }

    // test_kills_all_coros (greenhouse records _runner exits; we look at the worker greenlets)
    @Test
    void killsAllCoros() throws Exception {
        OneWayPool<Integer> pool = newPool(x -> x * x, 10);
        pool.start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        emptyOut(pool, 30);
        pool.close();
        Scheduler.pause();
        assertEquals(10, pool.workers().size());
        assertTrue(pool.workers().stream().allMatch(Greenlet::isDead));
        assertTrue(pool.isClosed());
    }

    // test_as_context_manager (OneWayPool version)
    @Test
    void asContextManager() throws Exception {
        List<Integer> l = new ArrayList<>();
        try (OneWayPool<Integer> pool = newPool(x -> {
            l.add(x * x);
            return x * x;
        }, 10).start()) {
            for (int i = 0; i < 30; i++) {
                pool.put(i);
            }
            Scheduler.pause();
            Scheduler.pause();
            Scheduler.pause();
            assertEquals(squares(0, 30), sorted(l));
        }
    }

    // test_exception_resiliency
    @Test
    void exceptionResiliency() throws Exception {
        List<Integer> l = new ArrayList<>();
        OneWayPool<Integer> pool = newPool(x -> {
            if (x < 5) {
                throw new UnsupportedOperationException(String.valueOf(x));
            }
            l.add(x * x);
            return x * x;
        }, 5);
        pool.start();
        for (int i = 0; i < 5; i++) {
            pool.put(i);
        }
        Scheduler.pause();
        assertEquals(List.of(), l);
        for (int i = 5; i < 15; i++) {
            pool.put(i);
        }
        Scheduler.pause();
        assertEquals(squares(5, 15), sorted(l));
        assertTrue(pool.workers().stream().noneMatch(Greenlet::isDead), "workers survive");
        checkReportedFailures(5);
        pool.close();
    }

    /** OneWayPool reports failures to the handlers; Pool returns them from get(). */
    abstract void checkReportedFailures(int failures);

    @Test
    void joinWaitsForEveryInput() throws Exception {
        List<Integer> l = new ArrayList<>();
        OneWayPool<Integer> pool = newPool(x -> {
            Scheduler.pause();
            l.add(x);
            return x;
        }, 3);
        pool.start();
        for (int i = 0; i < 7; i++) {
            pool.put(i);
        }
        pool.join();
        assertEquals(7, l.size());
        assertTrue(pool.join(0));
        pool.close();
    }

    @Test
    @Timeout(10)
    void misuse() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> newPool(x -> x, 0));
        OneWayPool<Integer> pool = newPool(x -> x, 2);
        assertThrows(NullPointerException.class, () -> pool.put(null));
        pool.start();
        assertThrows(IllegalStateException.class, pool::start);
        assertFalse(pool.isClosing());
        pool.close();
        assertTrue(pool.isClosing());
        pool.close();
        Scheduler.pause();
        assertTrue(pool.isClosed());
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                pool.put(1);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException);
    }
}
