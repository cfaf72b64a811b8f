package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The tests of greenhouse's {@code tests/test_scheduler.py} ({@code ScheduleMixin}), in Java. They run on a
 * virtual clock, so the timing assertions are exact. {@code test_socketpolling} is in greenhouse-io.
 * Greenhouse's TypeError cases ("rejects funcs") cannot happen in Java, whose types exclude them; they are
 * replaced by the null checks.
 */
class GreenhouseSchedulerTest extends VirtualTimeTestBase {
    static final double TESTING_TIMEOUT = 0.05;

    static class CustomError extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** test_schedule: every form of schedule runs after one pause_for. */
    @Test
    void testSchedule() throws Exception {
        List<Integer> l = Collections.synchronizedList(new ArrayList<>());
        Scheduler.schedule(() -> l.add(1));
        int three = 3;
        Scheduler.schedule(() -> l.add(three));
        Greenlet raw = Scheduler.greenlet(() -> l.add(5));
        assertSame(raw, Scheduler.schedule(raw));
        Scheduler.pauseFor(TESTING_TIMEOUT);
        List<Integer> sorted = new ArrayList<>(l);
        Collections.sort(sorted);
        assertEquals(List.of(1, 3, 5), sorted);
    }

    /** test_schedule_at: nothing before the time; everything at the first pause after it. */
    @Test
    void testScheduleAt() throws Exception {
        List<Integer> l = new ArrayList<>();
        double at = Scheduler.time() + 0.1;
        Scheduler.scheduleAt(at, () -> l.add(1));
        Scheduler.scheduleAt(at, Scheduler.greenlet(() -> l.add(2)));
        Scheduler.pause();
        assertEquals(List.of(), l);
        Scheduler.pauseFor(0.1);
        assertTrue(Scheduler.time() >= at);
        Scheduler.pause();
        assertEquals(List.of(1, 2), l);
    }

    /** test_schedule_in: after the time passed, one pause runs every expired timer before main. */
    @Test
    void testScheduleIn() throws Exception {
        List<Integer> l = new ArrayList<>();
        Scheduler.scheduleIn(TESTING_TIMEOUT, () -> l.add(1));
        Scheduler.scheduleIn(TESTING_TIMEOUT, Scheduler.greenlet(() -> l.add(2)));
        Scheduler.pause();
        assertEquals(List.of(), l);
        clock.advance(TESTING_TIMEOUT);   // greenhouse's blocking time.sleep
        Scheduler.pause();
        assertEquals(List.of(1, 2), l);
    }

    /** test_schedule_recurring: maxtimes=2 gives exactly two runs in 0.15 s, for each form. */
    @Test
    void testScheduleRecurring() throws Exception {
        List<Integer> l = new ArrayList<>();
        Scheduler.scheduleRecurring(TESTING_TIMEOUT, () -> l.add(1), 2, 0);
        Scheduler.pauseFor(TESTING_TIMEOUT * 3);
        assertEquals(List.of(1, 1), l);

        List<Integer> m = new ArrayList<>();
        Greenlet g = Scheduler.greenlet(() -> m.add(5));
        Scheduler.scheduleRecurring(TESTING_TIMEOUT, g, 2, 0);
        Scheduler.pauseFor(TESTING_TIMEOUT * 3);
        assertEquals(List.of(5, 5), m);
        assertFalse(g.isStarted(), "the greenlet itself never runs; its body does, in new greenlets");
    }

    /** test_schedule_recurring_rejects_dead_grlet. */
    @Test
    void testScheduleRecurringRejectsDeadGrlet() throws Exception {
        Greenlet g = Scheduler.schedule(() -> { });
        Scheduler.pause();
        assertTrue(g.isDead());
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleRecurring(TESTING_TIMEOUT, g, 2, 0));
    }

    /** test_order: scheduled greenlets run in the order they were scheduled. */
    @Test
    void testOrder() throws Exception {
        List<Integer> l = new ArrayList<>();
        Scheduler.schedule(() -> l.add(1));
        Scheduler.schedule(() -> l.add(2));
        Scheduler.pause();
        assertEquals(List.of(1, 2), l);
    }

    /** test_pause: one pause from main runs a scheduled greenlet. */
    @Test
    void testPause() throws Exception {
        boolean[] ran = {false};
        Scheduler.schedule(() -> ran[0] = true);
        assertFalse(ran[0]);
        Scheduler.pause();
        assertTrue(ran[0]);
    }

    /** test_pause_for: exactly the time asked for, on the virtual clock (never early). */
    @Test
    void testPauseFor() throws Exception {
        double start = Scheduler.time();
        Scheduler.pauseFor(TESTING_TIMEOUT);
        double elapsed = Scheduler.time() - start;
        assertEquals(TESTING_TIMEOUT, elapsed, 1e-6, "exact on the virtual clock, within double resolution");
    }

    /** test_pause_until. */
    @Test
    void testPauseUntil() throws Exception {
        double until = Scheduler.time() + TESTING_TIMEOUT;
        Scheduler.pauseUntil(until);
        double now = Scheduler.time();
        assertTrue(until <= now && now < until + 0.001, "woke at " + (now - until) + " s after");
    }

    /**
     * test_exceptions_raised_in_grlets: the failure ends the greenlet before it sets its flag, stays in the
     * greenlet (it is the greenlet's failure, and main's pauses return normally), and main goes on.
     */
    @Test
    void testExceptionsRaisedInGrlets() throws Exception {
        expectGreenletFailures();
        boolean[] flag = {false};
        Greenlet g = Scheduler.schedule(() -> {
            raiseCustomError();
            flag[0] = true;
        });
        for (int i = 0; i < 4; i++) {
            Scheduler.pause();
        }
        assertFalse(flag[0]);
        assertTrue(g.isDead());
        assertInstanceOf(CustomError.class, g.failure());
    }

    /** Raises CustomError; called, so that the statement after the call is reachable for javac. */
    private static void raiseCustomError() throws CustomError {
        throw new CustomError();
    }

    /** test_schedule_exception: the exception comes out of the pause it is suspended in. */
    @Test
    void testScheduleException() throws Exception {
        List<Throwable> exc = new ArrayList<>();
        boolean[] after = {false};
        Greenlet glet = Scheduler.schedule(() -> {
            try {
                Scheduler.pause();
                after[0] = true;
            } catch (Exception e) { // a checked exception thrown in from outside: javac cannot see it
                exc.add(e);
            }
        });
        Scheduler.pause();
        CustomError error = new CustomError();
        Scheduler.scheduleException(error, glet);
        Scheduler.pause();
        assertEquals(1, exc.size());
        assertSame(error, exc.get(0), "the same instance, unwrapped");
        assertFalse(after[0]);
    }

    /** test_schedule_exception_rejects_funcs, in Java terms: a null target. */
    @Test
    void testScheduleExceptionRejectsNulls() {
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleException(new CustomError(), null));
        assertThrows(NullPointerException.class,
                () -> Scheduler.scheduleException(null, Scheduler.greenlet(() -> { })));
    }

    /** test_schedule_exception_rejects_dead_glets. */
    @Test
    void testScheduleExceptionRejectsDeadGlets() throws Exception {
        Greenlet glet = Scheduler.schedule(() -> { });
        Scheduler.pause();
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleException(new CustomError(), glet));
        assertThrows(IllegalArgumentException.class,
                () -> Scheduler.scheduleExceptionIn(TESTING_TIMEOUT, new CustomError(), glet));
        assertThrows(IllegalArgumentException.class,
                () -> Scheduler.scheduleExceptionAt(Scheduler.time() + 1, new CustomError(), glet));
    }

    /** test_schedule_exception_in: the exception interrupts a longer pause_for at its own time. */
    @Test
    void testScheduleExceptionIn() throws Exception {
        List<Throwable> excs = new ArrayList<>();
        boolean[] after = {false};
        double[] caughtAt = {0};
        Greenlet glet = Scheduler.schedule(() -> {
            try {
                Scheduler.pauseFor(TESTING_TIMEOUT * 2);
                after[0] = true;
            } catch (Exception e) { // a checked exception thrown in from outside: javac cannot see it
                excs.add(e);
                caughtAt[0] = Scheduler.time();
            }
        });
        Scheduler.pause();
        double start = Scheduler.time();
        Scheduler.scheduleExceptionIn(TESTING_TIMEOUT, new CustomError(), glet);
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertEquals(1, excs.size());
        assertInstanceOf(CustomError.class, excs.get(0));
        assertFalse(after[0]);
        assertEquals(TESTING_TIMEOUT, caughtAt[0] - start, 0.001);
    }

    /** test_schedule_exception_at. */
    @Test
    void testScheduleExceptionAt() throws Exception {
        List<Throwable> excs = new ArrayList<>();
        boolean[] after = {false};
        Greenlet glet = Scheduler.schedule(() -> {
            try {
                Scheduler.pauseUntil(Scheduler.time() + TESTING_TIMEOUT * 2);
                after[0] = true;
            } catch (Exception e) { // a checked exception thrown in from outside: javac cannot see it
                excs.add(e);
            }
        });
        Scheduler.pause();
        Scheduler.scheduleExceptionAt(Scheduler.time() + TESTING_TIMEOUT, new CustomError(), glet);
        Scheduler.pauseFor(TESTING_TIMEOUT * 2);
        assertEquals(1, excs.size());
        assertFalse(after[0]);
    }

    /** test_end: the ended greenlet never gets past its pause. */
    @Test
    void testEnd() throws Exception {
        boolean[] flag = {false};
        Greenlet glet = Scheduler.schedule(() -> {
            Scheduler.pause();
            flag[0] = true;
        });
        Scheduler.pause();
        Scheduler.end(glet);
        Scheduler.pause();
        assertFalse(flag[0]);
        assertTrue(glet.isDead());
        assertEquals(null, glet.failure(), "ending is not a failure");
    }

    /** test_end_rejects_funcs, in Java terms. */
    @Test
    void testEndRejectsNull() {
        assertThrows(NullPointerException.class, () -> Scheduler.end(null));
    }

    /** test_end_permits_dead_glets: ending a dead greenlet neither throws nor revives nor fails it. */
    @Test
    void testEndPermitsDeadGlets() throws Exception {
        int[] runs = {0};
        Greenlet glet = Scheduler.schedule(() -> runs[0]++);
        Scheduler.pause();
        assertTrue(glet.isDead());
        Scheduler.end(glet);
        Scheduler.pause();
        assertTrue(glet.isDead());
        assertNull(glet.failure());
        assertEquals(1, runs[0], "its body ran once");
        assertEquals(0, Hub.current().liveGreenlets());
    }

    /** test_global_exception_handlers. */
    @Test
    void testGlobalExceptionHandlers() throws Exception {
        expectGreenletFailures();
        List<Class<?>> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            throw new CustomError();
        });
        ExceptionHandler handler = Scheduler.globalExceptionHandler((g, e) -> l.add(e.getClass()));
        Scheduler.pause();
        assertEquals(List.of(CustomError.class), l);
        assertTrue(Scheduler.removeGlobalExceptionHandler(handler));
    }

    static class CustomError1 extends Exception {
        private static final long serialVersionUID = 1L;
    }

    static class CustomError2 extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** test_local_exception_handlers: only the greenlet's own handler sees its failure. */
    @Test
    void testLocalExceptionHandlers() throws Exception {
        expectGreenletFailures();
        List<Class<?>> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            throw new CustomError1();
        });
        Greenlet g2 = Scheduler.schedule(() -> {
            throw new CustomError2();
        });
        ExceptionHandler handler = Scheduler.localExceptionHandler((g, e) -> l.add(e.getClass()), g2);
        Scheduler.pause();
        assertEquals(List.of(CustomError2.class), l);
        assertTrue(Scheduler.removeLocalExceptionHandler(handler, g2));
    }

    /** test_global_hook: exactly (main, g) then (g, main). */
    @Test
    void testGlobalHook() throws Exception {
        List<Greenlet[]> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> { });
        SwitchHook hook = Scheduler.globalHook((from, to) -> l.add(new Greenlet[] {from, to}));
        Scheduler.pause();
        Greenlet main = Scheduler.mainGreenlet();
        assertEquals(2, l.size());
        assertSame(main, l.get(0)[0]);
        assertSame(g, l.get(0)[1]);
        assertSame(g, l.get(1)[0]);
        assertSame(main, l.get(1)[1]);
        assertTrue(Scheduler.removeGlobalHook(hook));
    }

    /** test_local_incoming_hook: one switch in at the start and one per pause. */
    @Test
    void testLocalIncomingHook() throws Exception {
        int[] l1 = {0};
        int[] l2 = {0};
        Greenlet g1 = Scheduler.schedule(() -> {
            for (int i = 0; i < 3; i++) {
                Scheduler.pause();
            }
        });
        Greenlet g2 = Scheduler.schedule(() -> {
            for (int i = 0; i < 5; i++) {
                Scheduler.pause();
            }
        });
        LocalHook h1 = Scheduler.localIncomingHook((direction, g) -> {
            assertEquals(LocalHook.INCOMING, direction);
            l1[0]++;
        }, g1);
        LocalHook h2 = Scheduler.localIncomingHook((direction, g) -> l2[0]++, g2);
        Scheduler.pause();
        g1.join();
        g2.join();
        assertEquals(4, l1[0]);
        assertEquals(6, l2[0]);
        assertTrue(Scheduler.removeLocalIncomingHook(h1, g1));
        assertTrue(Scheduler.removeLocalIncomingHook(h2, g2));
    }

    /** test_local_outgoing_hook: runs after every turn, including the one that ends in an exception. */
    @Test
    void testLocalOutgoingHook() throws Exception {
        int[] l = {0};
        int[] m = {0};
        Greenlet g = Scheduler.schedule(() -> {
            for (int i = 0; i < 4; i++) {
                Scheduler.pause();
            }
            throw new IllegalStateException("attribute error");
        });
        LocalHook hook = Scheduler.localOutgoingHook((direction, coro) -> {
            assertEquals(LocalHook.OUTGOING, direction);
            l[0]++;
        }, g);
        ExceptionHandler handler = Scheduler.localExceptionHandler((coro, e) -> m[0]++, g);
        expectGreenletFailures();
        for (int i = 0; i < 4; i++) {
            Scheduler.pause();
            assertEquals(i + 1, l[0]);
        }
        Scheduler.pause();
        assertEquals(1, m[0]);
        assertEquals(5, l[0]);
        assertTrue(Scheduler.removeLocalOutgoingHook(hook, g));
        assertTrue(Scheduler.removeLocalExceptionHandler(handler, g));
    }
}
