package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ready-queue refill order of API.md and greenhouse's mainloop, on a virtual clock. */
class SchedulingOrderTest extends VirtualTimeTestBase {

    @Test
    void greenletScheduledDuringABatchWaitsForTheWholeBatch() throws Exception {
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            l.add("a1");
            Scheduler.schedule(() -> l.add("c"));
            Scheduler.pause();
            l.add("a2");
        });
        Scheduler.schedule(() -> l.add("b"));
        Scheduler.pause();
        l.add("main1");
        Scheduler.pause();
        l.add("main2");
        assertEquals(List.of("a1", "b", "main1", "c", "a2", "main2"), l);
    }

    @Test
    void refillTakesWokenThenDueTimersThenScheduled() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet sleeper = Scheduler.schedule(() -> {
            GreenLockSupport.park("test");
            l.add("woken");
        });
        Scheduler.pause();                       // sleeper is now parked
        Scheduler.scheduleIn(0, () -> l.add("timer1"));
        Scheduler.scheduleIn(0, () -> l.add("timer2"));
        Scheduler.schedule(() -> l.add("scheduled"));
        assertTrue(GreenLockSupport.unpark(sleeper));
        Scheduler.pause();
        assertEquals(List.of("woken", "timer1", "timer2", "scheduled"), l);
    }

    @Test
    void dueTimerRunsBeforeAGreenletScheduledInTheSameBatch() throws Exception {
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            Scheduler.scheduleIn(0, () -> l.add("timer"));
            Scheduler.schedule(() -> l.add("scheduled"));
        });
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("timer", "scheduled"), l);
    }

    @Test
    void timersWithTheSameDeadlineRunInTheOrderTheyWereSet() throws Exception {
        List<Integer> l = new ArrayList<>();
        double at = Scheduler.time() + 1;
        for (int i = 0; i < 6; i++) {
            int n = i;
            Scheduler.scheduleAt(at, () -> l.add(n));
        }
        Scheduler.scheduleAt(at - 0.5, () -> l.add(-1));
        Scheduler.pauseUntil(at);
        Scheduler.pause();
        assertEquals(List.of(-1, 0, 1, 2, 3, 4, 5), l);
    }

    @Test
    void wokenGreenletsRunInTheOrderTheyWereWoken() throws Exception {
        List<Integer> l = new ArrayList<>();
        List<Greenlet> sleepers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sleepers.add(Scheduler.schedule(() -> {
                GreenLockSupport.park("test");
                l.add(n);
            }));
        }
        Scheduler.pause();
        for (int i : new int[] {3, 1, 4, 0, 2}) {
            GreenLockSupport.unpark(sleepers.get(i));
        }
        Scheduler.pause();
        assertEquals(List.of(3, 1, 4, 0, 2), l);
    }

    @Test
    void pauseForFromAGreenletNeverWakesEarly() throws Exception {
        double[] woke = {0};
        double start = Scheduler.time();
        Greenlet g = Scheduler.schedule(() -> {
            Scheduler.pauseFor(Duration.ofMillis(250));
            woke[0] = Scheduler.time();
        });
        g.join();
        assertEquals(0.25, woke[0] - start, 1e-6);
    }

    @Test
    void pauseUntilAnInstant() throws Exception {
        Instant target = Scheduler.clock().instant().plusSeconds(2);
        Scheduler.pauseUntil(target);
        assertEquals(target, Scheduler.clock().instant());
    }

    @Test
    void scheduleAtInstantAndScheduleInDuration() throws Exception {
        List<String> l = new ArrayList<>();
        Scheduler.scheduleAt(Scheduler.clock().instant().plusSeconds(1), () -> l.add("instant"));
        Scheduler.scheduleIn(Duration.ofMillis(500), () -> l.add("duration"));
        Scheduler.pauseFor(2);
        assertEquals(List.of("duration", "instant"), l);
    }

    @Test
    void explicitScheduleWakesAParkedGreenletEarly() throws Exception {
        boolean[] returned = {false};
        Greenlet g = Scheduler.schedule(() -> {
            Scheduler.pauseFor(100);
            returned[0] = true;
        });
        Scheduler.pause();
        assertSame(g, Scheduler.schedule(g));
        Scheduler.pause();
        assertTrue(returned[0], "as greenhouse's duplicate queue entry does");
    }

    @Test
    void schedulingAQueuedOrDeadGreenletDoesNothing() throws Exception {
        int[] runs = {0};
        Greenlet g = Scheduler.schedule(() -> runs[0]++);
        Scheduler.schedule(g);
        Scheduler.pause();
        Scheduler.schedule(g);
        Scheduler.pause();
        assertEquals(1, runs[0]);
    }

    @Test
    void greenletCreatesWithoutScheduling() throws Exception {
        boolean[] ran = {false};
        Greenlet g = Scheduler.greenlet(() -> ran[0] = true);
        Scheduler.pause();
        assertFalse(ran[0]);
        assertFalse(g.isStarted());
        Scheduler.schedule(g);
        Scheduler.pause();
        assertTrue(ran[0]);
        assertTrue(g.isStarted());
        assertTrue(g.isDead());
    }

    @Test
    void pauseGoesThroughAPollWhileThePollerWaitsForIo() throws Exception {
        int before = poller.polls;
        Scheduler.pause();
        assertEquals(before, poller.polls, "nothing registered: no I/O can be ready, the poll is skipped");
        poller.pendingWork = true;
        Scheduler.pause();
        assertTrue(poller.polls > before, "with I/O registered, pause always goes through a poll");
        poller.pendingWork = false;
    }

    @Test
    void timesAreCheckedForNaN() {
        assertThrows(IllegalArgumentException.class, () -> Scheduler.pauseFor(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.pauseUntil(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleIn(Double.NaN, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.scheduleAt(Double.NaN, () -> { }));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> Scheduler.schedule((GreenRunnable) null));
        assertThrows(NullPointerException.class, () -> Scheduler.schedule((Greenlet) null));
        assertThrows(NullPointerException.class, () -> Scheduler.greenlet(null));
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleAt(1.0, (GreenRunnable) null));
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleIn(1.0, (Greenlet) null));
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleIn((Duration) null, () -> { }));
        assertThrows(NullPointerException.class, () -> Scheduler.pauseFor((Duration) null));
        assertThrows(NullPointerException.class, () -> Scheduler.pauseUntil((Instant) null));
        assertThrows(NullPointerException.class, () -> Scheduler.scheduleRecurring(1, (GreenRunnable) null));
        assertThrows(NullPointerException.class, () -> Scheduler.globalExceptionHandler(null));
        assertThrows(NullPointerException.class, () -> Scheduler.globalHook(null));
        assertThrows(NullPointerException.class, () -> Scheduler.localIncomingHook(null));
        assertThrows(NullPointerException.class, () -> Scheduler.localOutgoingHook(null));
        assertThrows(NullPointerException.class, () -> Scheduler.handleException(null));
        assertThrows(NullPointerException.class, () -> Scheduler.resetPoller(null));
        assertThrows(NullPointerException.class, () -> GreenLockSupport.unpark(null));
    }
}
