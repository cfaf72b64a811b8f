package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Scheduled exceptions, end(), failures and exception handlers. */
class ExceptionDeliveryTest extends VirtualTimeTestBase {

    @Test
    void checkedExceptionArrivesUnwrappedFromThePark() throws Exception {
        IOException error = new IOException("boom");
        Throwable[] caught = {null};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                GreenLockSupport.park("test");
            } catch (Exception e) {
                caught[0] = e;
            }
        });
        Scheduler.pause();
        Scheduler.scheduleException(error, g);
        g.join();
        assertSame(error, caught[0]);
    }

    @Test
    void exceptionScheduledIntoAnUnstartedGreenletKillsItWithoutRunningAndReachesHandlers() throws Exception {
        expectGreenletFailures();
        List<Throwable> handled = new ArrayList<>();
        ExceptionHandler h = Scheduler.globalExceptionHandler((g, e) -> handled.add(e));
        boolean[] ran = {false};
        Greenlet g = Scheduler.schedule(() -> ran[0] = true);
        IllegalStateException error = new IllegalStateException("never");
        Scheduler.scheduleException(error, g);
        Scheduler.pause();
        assertFalse(ran[0]);
        assertTrue(g.isDead());
        assertFalse(g.isStarted());
        assertSame(error, g.failure());
        assertEquals(List.of(error), handled);
        Scheduler.removeGlobalExceptionHandler(h);
    }

    @Test
    void endOfAnUnstartedGreenletKillsItWithoutRunning() throws Exception {
        boolean[] ran = {false};
        Greenlet g = Scheduler.schedule(() -> ran[0] = true);
        Scheduler.end(g);
        Scheduler.pause();
        assertFalse(ran[0]);
        assertTrue(g.isDead());
        assertFalse(g.isStarted());
        assertNull(g.failure());
    }

    @Test
    void endRunsFinallyBlocksAndIsNotAFailure() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                Scheduler.pauseFor(100);
                l.add("not reached");
            } catch (Exception e) {
                l.add("caught as Exception: wrong");
            } finally {
                l.add("finally");
            }
        });
        Scheduler.pause();
        Scheduler.end(g);
        g.join();
        assertEquals(List.of("finally"), l);
        assertNull(g.failure());
    }

    @Test
    void greenletExitIsAnErrorNotAnException() {
        assertTrue(Error.class.isAssignableFrom(GreenletExit.class));
        assertEquals("bye", new GreenletExit("bye").getMessage());
    }

    @Test
    void exceptionScheduledIntoTheRunningGreenletArrivesAtItsNextSuspension() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            Scheduler.scheduleException(new IllegalStateException("later"), Scheduler.current());
            l.add("still running");
            try {
                Scheduler.pause();
            } catch (IllegalStateException e) {
                l.add(e.getMessage());
            }
        });
        g.join();
        assertEquals(List.of("still running", "later"), l);
    }

    @Test
    void errorsKillTheGreenletAndReachLocalThenGlobalHandlers() throws Exception {
        expectGreenletFailures();
        List<String> order = new ArrayList<>();
        AssertionError error = new AssertionError("an Error too");
        Greenlet g = Scheduler.greenlet(() -> {
            throw error;
        });
        ExceptionHandler global = Scheduler.globalExceptionHandler((coro, e) -> order.add("global"));
        ExceptionHandler local = Scheduler.localExceptionHandler((coro, e) -> {
            assertSame(g, coro);
            assertSame(error, e);
            order.add("local");
        }, g);
        Scheduler.schedule(g);
        Scheduler.pause();
        assertEquals(List.of("local", "global"), order);
        assertSame(error, g.failure());
        Scheduler.removeGlobalExceptionHandler(global);
        Scheduler.removeLocalExceptionHandler(local, g);
    }

    @Test
    void localHandlersGetTheGreenletAndItsFailureBeforeGlobalOnes() throws Exception {
        expectGreenletFailures();
        ExceptionHandler global = mock(ExceptionHandler.class);
        ExceptionHandler local = mock(ExceptionHandler.class);
        IllegalStateException error = new IllegalStateException("boom");
        Greenlet g = Scheduler.greenlet(() -> {
            throw error;
        });
        Scheduler.globalExceptionHandler(global);
        Scheduler.localExceptionHandler(local, g);
        Scheduler.schedule(g);
        Scheduler.pause();
        InOrder order = inOrder(local, global);
        order.verify(local).handle(g, error);
        order.verify(global).handle(g, error);
        verifyNoMoreInteractions(local, global);
    }

    @Test
    void handlerThatThrowsIsDroppedAndTheLoopGoesOn() throws Exception {
        expectDroppedCallbacks();
        expectGreenletFailures();
        int[] calls = {0};
        ExceptionHandler bad = Scheduler.globalExceptionHandler((g, e) -> {
            calls[0]++;
            throw new IllegalStateException("bad handler");
        });
        Scheduler.schedule(() -> {
            throw new IllegalArgumentException("1");
        });
        Scheduler.schedule(() -> {
            throw new IllegalArgumentException("2");
        });
        boolean[] after = {false};
        Scheduler.schedule(() -> after[0] = true);
        Scheduler.pause();
        assertEquals(1, calls[0]);
        assertTrue(after[0]);
        assertFalse(Scheduler.removeGlobalExceptionHandler(bad), "it was dropped");
    }

    @Test
    void handleExceptionPassesTheCurrentGreenletOrTheGivenOne() throws Exception {
        List<Greenlet> seen = new ArrayList<>();
        ExceptionHandler h = Scheduler.globalExceptionHandler((g, e) -> seen.add(g));
        Greenlet[] inside = {null};
        Greenlet g = Scheduler.schedule(() -> {
            inside[0] = Scheduler.current();
            Scheduler.handleException(new RuntimeException("reported"));
        });
        g.join();
        Greenlet other = Scheduler.greenlet(() -> { });
        Scheduler.handleException(new RuntimeException("x"), other);
        assertEquals(List.of(inside[0], other), seen);
        assertSame(g, inside[0]);
        uncaught.clear();
        Scheduler.removeGlobalExceptionHandler(h);
    }

    @Test
    void handlersAreHeldWeakly() throws Exception {
        expectGreenletFailures();
        int[] calls = {0};
        registerUnreferencedHandler(calls);
        awaitCollection();
        Scheduler.schedule(() -> {
            throw new IllegalStateException("nobody listens");
        });
        Scheduler.pause();
        assertEquals(0, calls[0], "a handler nobody references is not called");
    }

    private static void registerUnreferencedHandler(int[] calls) {
        Scheduler.globalExceptionHandler((g, e) -> calls[0]++);
    }

    /** Runs the GC until a fresh weak reference is cleared. */
    static void awaitCollection() {
        java.lang.ref.WeakReference<Object> probe = new java.lang.ref.WeakReference<>(new Object());
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
        }
        System.gc();
    }

    @Test
    void scheduleExceptionChecksItsArguments() throws Exception {
        Greenlet dead = Scheduler.schedule(() -> { });
        Scheduler.pause();
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleException(new RuntimeException(), dead));
        assertThrows(NullPointerException.class,
                () -> Scheduler.scheduleExceptionIn(1, null, Scheduler.greenlet(() -> { })));
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleExceptionAt(1, new RuntimeException(), null));
    }

    @Test
    void mainGreenletReceivesScheduledExceptionsInItsBlockingCall() throws Exception {
        Greenlet main = Scheduler.mainGreenlet();
        IllegalStateException error = new IllegalStateException("to main");
        Scheduler.schedule(() -> Scheduler.scheduleException(error, main));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Scheduler.pauseFor(10));
        assertSame(error, thrown);
    }
}
