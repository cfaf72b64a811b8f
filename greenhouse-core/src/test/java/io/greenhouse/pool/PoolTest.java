package io.greenhouse.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.GreenFunction;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** {@link PoolContractTest} against {@link Pool}: greenhouse's {@code PoolTestCase}. */
class PoolTest extends PoolContractTest {
    @Override
    OneWayPool<Integer> newPool(GreenFunction<Integer, Integer> f, int size) {
        return new Pool<>(f, size);
    }

    @SuppressWarnings("unchecked")
    static Pool<Integer, Integer> two(OneWayPool<Integer> pool) {
        return (Pool<Integer, Integer>) pool;
    }

    @Override
    List<Integer> emptyOut(OneWayPool<Integer> pool, int n) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(two(pool).get());
        }
        return out;
    }

    @Override
    void checkReportedFailures(int failures) {
        assertEquals(0, uncaught.size(), "Pool returns failures from get(), not to the handlers");
    }

    // test_as_context_manager (PoolTestCase override)
    @Test
    @Override
    void asContextManager() throws Exception {
        try (Pool<Integer, Integer> pool = two(newPool(x -> x * x, 10)).start()) {
            for (int i = 0; i < 30; i++) {
                pool.put(i);
            }
            assertEquals(squares(0, 30), sorted(emptyOut(pool, 30)));
        }
    }

    // test_basic_two_way
    @Test
    void basicTwoWay() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x * x, 10)).start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        assertEquals(squares(0, 30), sorted(emptyOut(pool, 30)));
        pool.close();
    }

    // test_starting_back_up
    @Test
    void startingBackUp() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x * x, 10)).start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        emptyOut(pool, 30);
        pool.close();
        Scheduler.pause();
        pool.start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        assertEquals(squares(0, 30), sorted(emptyOut(pool, 30)));
        pool.close();
    }

    // test_two_way_with_blocking
    @Test
    void twoWayWithBlocking() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> {
            if (x % 2 == 1) {
                Scheduler.pause();
            }
            return x * x;
        }, 10)).start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        assertEquals(squares(0, 30), sorted(emptyOut(pool, 30)));
        pool.close();
    }

    // test_get_raises
    @Test
    void getRaises() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> {
            if (x < 5) {
                throw new UnsupportedOperationException(String.valueOf(x));
            }
            return x * x;
        }, 5)).start();
        for (int i = 0; i < 5; i++) {
            pool.put(i);
        }
        for (int i = 0; i < 5; i++) {
            assertThrows(UnsupportedOperationException.class, pool::get);
        }
        for (int i = 5; i < 15; i++) {
            pool.put(i);
        }
        assertEquals(squares(5, 15), sorted(emptyOut(pool, 10)));
        pool.close();
    }

    // test_getters_raise_on_close
    @Test
    void gettersRaiseOnClose() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x * x, 5)).start();
        List<Integer> l = new ArrayList<>();
        List<Throwable> caught = new ArrayList<>();
        Scheduler.schedule(() -> {
            try {
                for (;;) {
                    l.add(pool.get());
                }
            } catch (RuntimeException e) {
                caught.add(e);
            }
        });
        for (int i = 0; i < 10; i++) {
            pool.put(i);
        }
        Scheduler.pause();
        assertEquals(squares(0, 10), l);
        pool.close();
        Scheduler.pause();
        assertEquals(1, caught.size());
        assertTrue(caught.get(0) instanceof PoolClosed);
    }

    // test_iteration
    @Test
    void iteration() throws Exception {
        Pool<Integer, Integer>[] holder = newPoolArray();
        Pool<Integer, Integer> pool = two(newPool(x -> {
            if (x > 10) {
                holder[0].close();
            }
            return x * x;
        }, 3));
        holder[0] = pool;
        pool.start();
        Greenlet putter = Scheduler.schedule(() -> {
            for (int i = 1; i < 100; i++) {
                pool.put(i);
                Scheduler.pause();
            }
        });
        List<Integer> results = new ArrayList<>();
        for (int r : pool) {
            results.add(r);
        }
        assertEquals(squares(1, 11), results);
        putter.join();
    }

    @SuppressWarnings("unchecked")
    private static Pool<Integer, Integer>[] newPoolArray() {
        return new Pool[1];
    }

    @Test
    void getAfterCloseAndDrainThrowsPoolClosed() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x, 2)).start();
        pool.put(1);
        pool.close();
        assertEquals(1, pool.get());
        Scheduler.pause();
        assertTrue(pool.isClosed());
        assertThrows(PoolClosed.class, pool::get);
    }

    @Test
    void getterBlockedWhileTheLastWorkerStopsGetsPoolClosed() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x, 2)).start();
        pool.close();
        List<Throwable> caught = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                pool.get();
            } catch (PoolClosed e) {
                caught.add(e);
            }
        });
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(1, caught.size());
        assertTrue(g.isDead());
    }

    @Test
    void checkedFailuresAreRethrownUnwrapped() throws Exception {
        IOException boom = new IOException("boom");
        Pool<Integer, Integer> pool = two(newPool(x -> {
            throw boom;
        }, 1)).start();
        pool.put(1);
        Exception e = assertThrows(IOException.class, pool::get);
        assertEquals(boom, e);
        pool.close();
    }

    @Test
    void iteratingFromAGreenletIsRefused() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x, 1)).start();
        List<Throwable> caught = new ArrayList<>();
        Scheduler.schedule(() -> {
            try {
                pool.iterator().hasNext();
            } catch (IllegalStateException e) {
                caught.add(e);
            }
        });
        Scheduler.pause();
        assertEquals(1, caught.size());
        pool.close();
    }

    @Test
    void exceptionIntoABlockedGetterLeavesTheResultForTheNext() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x * 10, 1)).start();
        List<Object> l = new ArrayList<>();
        Greenlet first = Scheduler.schedule(() -> {
            try {
                l.add(pool.get());
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.pause();
        pool.put(1);
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        assertEquals(List.of("first failed"), l);
        assertEquals(10, pool.get());
        pool.close();
    }
}
