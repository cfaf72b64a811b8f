package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Scheduler#scheduleRecurring} and {@link Recurring}, on a virtual clock. */
class RecurringTest extends VirtualTimeTestBase {

    @Test
    void runsAtStartPlusMultiplesOfTheIntervalWithoutDrift() throws Exception {
        List<Double> at = new ArrayList<>();
        double start = Scheduler.time();
        Recurring r = Scheduler.scheduleRecurring(0.05, () -> {
            at.add(Scheduler.time() - start);
            Scheduler.pauseFor(0.03);          // work inside the run does not shift the schedule
        }, 4, 0);
        Scheduler.pauseFor(1);
        assertEquals(4, at.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(0.05 * (k + 1), at.get(k), 1e-6);
        }
        assertEquals(4, r.runs());
    }

    @Test
    void startingAtMovesTheFirstRun() throws Exception {
        List<Double> at = new ArrayList<>();
        double start = Scheduler.time() + 1;
        Scheduler.scheduleRecurring(0.5, () -> at.add(Scheduler.time()), 2, start);
        Scheduler.pauseFor(3);
        assertEquals(List.of(start + 0.5, start + 1.0).size(), at.size());
        assertEquals(start + 0.5, at.get(0), 1e-6);
        assertEquals(start + 1.0, at.get(1), 1e-6);
    }

    @Test
    void cancelStopsFutureRunsButNotTheOneUnderWay() throws Exception {
        List<String> l = new ArrayList<>();
        Recurring[] r = {null};
        r[0] = Scheduler.scheduleRecurring(0.1, () -> {
            l.add("start " + r[0].runs());
            if (r[0].runs() == 2) {
                r[0].cancel();
                Scheduler.pauseFor(0.05);
                l.add("finished 2");
            }
        });
        Scheduler.pauseFor(1);
        assertEquals(List.of("start 1", "start 2", "finished 2"), l);
        assertTrue(r[0].isCancelled());
        assertEquals(2, r[0].runs());
    }

    @Test
    void aRunThatThrowsEndsTheSeriesAndReachesTheHandlers() throws Exception {
        expectGreenletFailures();
        List<Throwable> seen = new ArrayList<>();
        ExceptionHandler h = Scheduler.globalExceptionHandler((g, e) -> seen.add(e));
        int[] runs = {0};
        Scheduler.scheduleRecurring(0.1, () -> {
            runs[0]++;
            throw new IllegalStateException("run " + runs[0]);
        });
        Scheduler.pauseFor(1);
        assertEquals(1, runs[0]);
        assertEquals(1, seen.size());
        Scheduler.removeGlobalExceptionHandler(h);
    }

    @Test
    void unboundedRecurringKeepsGoing() throws Exception {
        int[] runs = {0};
        Recurring r = Scheduler.scheduleRecurring(0.01, () -> runs[0]++);
        Scheduler.pauseFor(0.105);   // at exactly 0.1, main's own timer (set first) would run first
        r.cancel();
        assertEquals(10, runs[0]);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleRecurring(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleRecurring(Double.NaN, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleRecurring(1, () -> { }, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Scheduler.scheduleRecurring(1, Scheduler.mainGreenlet()));
    }
}
