package io.greenhouse.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/** {@link Pools#map}: greenhouse's probed {@code map} behaviour, with the empty-input fix. */
class PoolsTest extends VirtualTimeTestBase {
    @Test
    void mapReturnsResultsInInputOrder() throws Exception {
        assertEquals(List.of(6, 2, 4), Pools.map(x -> x * 2, List.of(3, 1, 2), 2));
    }

    @Test
    void mapKeepsOrderWhenTheFunctionBlocks() throws Exception {
        List<Integer> out = Pools.map(x -> {
            Scheduler.pauseFor(0.001 * (10 - x));
            return x;
        }, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), out);
    }

    @Test
    void mapOfNothingIsEmpty() throws Exception {
        assertEquals(List.of(), Pools.map(x -> x, List.<Integer>of(), 3));
    }

    @Test
    void mapRethrowsAFailure() {
        assertThrows(UnsupportedOperationException.class, () -> Pools.map(x -> {
            if (x == 2) {
                throw new UnsupportedOperationException();
            }
            return x;
        }, List.of(1, 2, 3), 2));
    }

    @Test
    void mapFromAGreenlet() throws Exception {
        List<List<Integer>> out = new java.util.ArrayList<>();
        Scheduler.schedule(() -> out.add(Pools.map(x -> x + 1, List.of(1, 2), 2))).join();
        assertEquals(List.of(List.of(2, 3)), out);
    }

    @Test
    void mapLeavesNoWorkerGreenletBehind() throws Exception {
        List<Integer> squares = Pools.map(x -> x * x, List.of(3, 1, 2), 2);
        assertEquals(List.of(9, 1, 4), squares);
        assertEquals(0, io.greenhouse.Hub.current().liveGreenlets());
    }
}
