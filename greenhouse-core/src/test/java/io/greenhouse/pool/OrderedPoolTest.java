package io.greenhouse.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.GreenFunction;
import io.greenhouse.Scheduler;

/** {@link PoolTest}'s tests against {@link OrderedPool}, plus greenhouse's {@code OrderedPoolTestCase}. */
class OrderedPoolTest extends PoolTest {
    @Override
    OneWayPool<Integer> newPool(GreenFunction<Integer, Integer> f, int size) {
        return new OrderedPool<>(f, size);
    }

    // test_ordered_basic
    @Test
    void orderedBasic() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> x * x, 10)).start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        assertEquals(squares(0, 30), emptyOut(pool, 30));
        pool.close();
    }

    // test_ordered_with_blocking
    @Test
    void orderedWithBlocking() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> {
            if (x % 2 == 1) {
                Scheduler.pause();
                Scheduler.pause();
                Scheduler.pause();
            }
            return x * x;
        }, 10)).start();
        for (int i = 0; i < 30; i++) {
            pool.put(i);
        }
        assertEquals(squares(0, 30), emptyOut(pool, 30));
        pool.close();
    }

    @Test
    void aFailureIsRethrownInItsTurn() throws Exception {
        Pool<Integer, Integer> pool = two(newPool(x -> {
            if (x == 0) {
                Scheduler.pause();
            }
            if (x == 1) {
                throw new UnsupportedOperationException();
            }
            return x;
        }, 3)).start();
        pool.put(0);
        pool.put(1);
        pool.put(2);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                out.add(pool.get());
            } catch (UnsupportedOperationException e) {
                out.add("failed");
            }
        }
        assertEquals(List.of(0, "failed", 2), out);
        pool.close();
    }
}
