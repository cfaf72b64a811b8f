package io.greenhouse.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.greenhouse.GreenFunction;

/** {@link PoolContractTest} against {@link OneWayPool}: greenhouse's {@code OneWayPoolTestCase}. */
class OneWayPoolTest extends PoolContractTest {
    @Override
    OneWayPool<Integer> newPool(GreenFunction<Integer, Integer> f, int size) {
        return new OneWayPool<>(f::apply, size);
    }

    @Override
    List<Integer> emptyOut(OneWayPool<Integer> pool, int n) {
        return List.of();
    }

    @Override
    void checkReportedFailures(int failures) {
        assertEquals(failures, uncaught.size());
        assertEquals(failures, uncaught.stream().filter(e -> e instanceof UnsupportedOperationException).count());
        uncaught.clear();
    }
}
