package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.internal.Loop;

/** {@link Hub}: run, close, execute, threading, deadlock reports, pollers. */
class HubTest extends HubTestBase {

    @Test
    void runRunsMainAsAGreenletUntilItIsDead() throws Exception {
        Greenlet[] inside = {null};
        List<String> l = new ArrayList<>();
        Hub.run(() -> {
            inside[0] = Scheduler.current();
            Scheduler.schedule(() -> l.add("child"));
            Scheduler.pause();
            l.add("main done");
        });
        assertNotSame(Scheduler.mainGreenlet(), inside[0]);
        assertTrue(inside[0].isDead());
        assertEquals(List.of("child", "main done"), l);
        assertFalse(Hub.current().isClosed(), "the hub stays open");
    }

    @Test
    void runRethrowsWhatMainDiedOfUnwrapped() {
        expectGreenletFailures();   // the handlers see it too, as for any greenlet
        IOException error = new IOException("checked");
        IOException thrown = assertThrows(IOException.class, () -> Hub.run(() -> {
            throw error;
        }));
        assertSame(error, thrown);
    }

    @Test
    void closeEndsEveryGreenletAndRunsFinallyBlocks() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet started = Scheduler.schedule(() -> {
            try {
                GreenLockSupport.park("forever");
            } finally {
                l.add("finally");
            }
        });
        Scheduler.pause();
        boolean[] ran = {false};
        Greenlet neverStarted = Scheduler.schedule(() -> ran[0] = true);
        Hub hub = Hub.current();
        hub.close();
        assertTrue(hub.isClosed());
        assertEquals(List.of("finally"), l);
        assertTrue(started.isDead());
        assertTrue(neverStarted.isDead());
        assertFalse(neverStarted.isStarted());
        assertFalse(ran[0]);
        assertNotSame(hub, Hub.current(), "the thread's next call gets a fresh hub");
        installRecorder();
    }

    @Test
    void closeDiscardsTimersHandlersAndHooks() throws Exception {
        virtualHub();
        boolean[] ran = {false};
        Scheduler.scheduleIn(0.01, () -> ran[0] = true);
        Hub.current().close();
        virtualHub();
        Scheduler.pauseFor(0.02);
        assertFalse(ran[0]);
    }

    /** Replaces the test's hub with one on a virtual clock, so that timing is exact and waits take no time. */
    private ManualClock virtualHub() {
        Hub.current().close();
        ManualClock clock = new ManualClock(1_700_000_000.0);
        Hub.install(clock, new VirtualTimePoller(clock));
        installRecorder();
        return clock;
    }

    @Test
    void closingTwiceDoesNothingAndAClosedHubRefusesWork() {
        Hub hub = Hub.current();
        hub.close();
        hub.close();
        assertThrows(RejectedExecutionException.class, () -> hub.execute(() -> { }));
        assertThrows(IllegalStateException.class, hub::liveGreenlets);
        installRecorder();
    }

    @Test
    void closeFromInsideAGreenletIsRefused() throws Exception {
        Throwable[] error = {null};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                Hub.current().close();
            } catch (IllegalStateException e) {
                error[0] = e;
            }
        });
        g.join();
        assertTrue(error[0] instanceof IllegalStateException);
    }

    @Test
    @Timeout(10)
    void executeFromAnotherThreadRunsInAGreenletAndWakesTheHub() throws Exception {
        Hub hub = Hub.current();
        hub.keepAlive(true);
        Greenlet main = Scheduler.mainGreenlet();
        AtomicReference<Greenlet> ranIn = new AtomicReference<>();
        boolean[] done = {false};
        CountDownLatch parked = new CountDownLatch(1);
        Scheduler.schedule(parked::countDown);   // runs once main is inside the loop
        Thread other = new Thread(() -> {
            try {
                parked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            hub.execute(() -> {
                ranIn.set(Scheduler.current());
                done[0] = true;
                GreenLockSupport.unpark(main);
            });
        });
        other.start();
        while (!done[0]) {
            GreenLockSupport.park("waiting for the other thread");
        }
        other.join();
        assertTrue(ranIn.get() != null && ranIn.get() != main);
        hub.keepAlive(false);
    }

    @Test
    @Timeout(10)
    void executeFromManyThreadsAtOnceRunsEveryTaskExactlyOnce() throws Exception {
        Hub hub = Hub.current();
        hub.keepAlive(true);
        Greenlet main = Scheduler.mainGreenlet();
        int threads = 4;
        int perThread = 250;
        int[] ran = {0};
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int id = base + i;
                    hub.execute(() -> {
                        ran[0]++;   // hub thread only: no synchronisation needed
                        seen.add(id);
                        if (ran[0] == threads * perThread) {
                            GreenLockSupport.unpark(main);
                        }
                    });
                }
            });
            th.start();
            submitters.add(th);
        }
        start.countDown();
        while (ran[0] < threads * perThread) {
            GreenLockSupport.park("all the tasks");
        }
        for (Thread th : submitters) {
            th.join();
        }
        hub.keepAlive(false);
        assertEquals(threads * perThread, ran[0]);
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    @Timeout(20)
    void executeRacingCloseRunsTheTaskOrRejectsItNeverLosesIt() throws Exception {
        for (int trial = 0; trial < 50; trial++) {
            Hub hub = Hub.current();
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            CountDownLatch submitting = new CountDownLatch(1);
            Thread submitter = new Thread(() -> {
                // Submits until the hub refuses, so that submissions overlap the close.
                try {
                    for (;;) {
                        hub.execute(ran::incrementAndGet);
                        accepted.incrementAndGet();
                        submitting.countDown();
                    }
                } catch (RejectedExecutionException closed) {
                    submitting.countDown();
                }
            });
            submitter.start();
            submitting.await();
            hub.close();
            submitter.join();
            assertEquals(accepted.get(), ran.get(), "every accepted task ran, before close() returned");
            installRecorder();
        }
    }

    @Test
    @Timeout(10)
    void aTaskHandedOverBeforeCloseRunsDuringTheClose() throws Exception {
        Hub hub = Hub.current();
        boolean[] ran = {false};
        Thread other = new Thread(() -> hub.execute(() -> ran[0] = true));
        other.start();
        other.join();
        hub.close();
        assertTrue(ran[0], "accepted by execute, so it runs");
        installRecorder();
    }

    @Test
    void aClosedHubRejectsExecuteWithRejectedExecutionException() {
        Hub hub = Hub.current();
        hub.close();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> hub.execute(() -> { }));
        assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        installRecorder();
    }

    @Test
    @Timeout(10)
    void hubOperationsFromAnotherThreadThrowIllegalStateException() throws Exception {
        Greenlet mine = Scheduler.schedule(() -> GreenLockSupport.park("x"));
        Scheduler.pause();
        List<Throwable> errors = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                Scheduler.scheduleException(new RuntimeException(), mine);
            } catch (Throwable e) {
                errors.add(e);
            }
            try {
                mine.join();
            } catch (Throwable e) {
                errors.add(e);
            }
            try {
                GreenLockSupport.unpark(mine);
            } catch (Throwable e) {
                errors.add(e);
            }
            Hub.current().close();
        });
        t.start();
        t.join();
        assertEquals(3, errors.size());
        for (Throwable e : errors) {
            assertTrue(e instanceof IllegalStateException, e.toString());
            assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        }
        assertFalse(mine.isDead(), "state is untouched");
        endAndJoin(mine);
    }

    @Test
    void waitingForeverIsReportedWithTheWaitingGreenlets() throws Exception {
        Greenlet stuck = Scheduler.schedule(() -> GreenLockSupport.park("an event nobody sets"));
        stuck.setName("stuck-one");
        DeadlockException e = assertThrows(DeadlockException.class, stuck::join);
        assertTrue(e.getMessage().contains("stuck-one waits on an event nobody sets"), e.getMessage());
        assertTrue(e.getMessage().contains("join(stuck-one)"), e.getMessage());
        endAndJoin(stuck);
    }

    @Test
    void theMainGreenletIsNeverCountedAsALiveGreenlet() throws Exception {
        Greenlet main = Scheduler.mainGreenlet();
        Scheduler.schedule(() -> GreenLockSupport.unpark(main));
        GreenLockSupport.park("woken by a greenlet");
        Scheduler.schedule(main);
        Scheduler.pause();
        assertEquals(0, Hub.current().liveGreenlets());
    }

    @Test
    void aFailingPollerFailsTheMainGreenletsBlockingCallAndTheHubStaysUsable() throws Exception {
        Poller poller = mock(Poller.class);
        when(poller.hasPendingWork()).thenReturn(true);
        doThrow(new IllegalStateException("poller broke")).doNothing().when(poller).poll(anyLong(), anyBoolean());
        Scheduler.resetPoller(poller);
        verify(poller).attach(Hub.current());
        IllegalStateException e = assertThrows(IllegalStateException.class, Scheduler::pause);
        assertEquals("poller broke", e.getMessage());
        boolean[] ran = {false};
        Scheduler.schedule(() -> ran[0] = true);
        Scheduler.pause();
        assertTrue(ran[0]);
        Scheduler.resetPoller();
        verify(poller).close();
    }

    @Test
    void timedJoinReturnsFalseWhenTheGreenletOutlivesTheTimeout() throws Exception {
        virtualHub();
        Greenlet g = Scheduler.schedule(() -> Scheduler.pauseFor(0.2));
        assertFalse(g.join(Duration.ofMillis(20)));
        assertTrue(g.join(Duration.ofSeconds(5)));
        assertTrue(g.isDead());
    }

    @Test
    void joinWakesEveryJoinerInOrder() throws Exception {
        List<Integer> l = new ArrayList<>();
        Greenlet target = Scheduler.schedule(() -> Scheduler.pause());
        for (int i = 0; i < 3; i++) {
            int n = i;
            Scheduler.schedule(() -> {
                target.join();
                l.add(n);
            });
        }
        target.join();
        Scheduler.pause();
        assertEquals(List.of(0, 1, 2), l);
    }

    @Test
    void aGreenletCannotJoinItself() throws Exception {
        Throwable[] error = {null};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                Scheduler.current().join();
            } catch (IllegalStateException e) {
                error[0] = e;
            }
        });
        g.join();
        assertTrue(error[0] instanceof IllegalStateException);
    }

    @Test
    void installGivesTheHubItsClockAndPoller() throws Exception {
        Hub.current().close();
        ManualClock clock = new ManualClock(1000);
        VirtualTimePoller poller = new VirtualTimePoller(clock);
        Hub hub = Hub.install(clock, poller);
        assertSame(clock, Scheduler.clock());
        assertSame(poller, Loop.current().poller());
        assertEquals(1000.0, Scheduler.time(), 1e-9);
        Scheduler.pauseFor(3);
        assertEquals(1003.0, Scheduler.time(), 1e-6);
        assertThrows(IllegalStateException.class, () -> Hub.install(Clock.systemUTC(), null));
        hub.close();
        installRecorder();
    }

    @Test
    void resetPollerInstallsTheGivenOrTheBestPoller() {
        ManualClock clock = new ManualClock(0);
        VirtualTimePoller mine = new VirtualTimePoller(clock);
        Scheduler.resetPoller(mine);
        assertSame(mine, Loop.current().poller());
        Scheduler.resetPoller();
        assertEquals("portable", Hub.current().pollerName());
        assertTrue(Loop.current().poller() instanceof PortablePoller);
    }

    @Test
    void ignoreInterruptsIsAFlagOfTheHub() {
        assertFalse(Scheduler.ignoresInterrupts());
        Scheduler.setIgnoreInterrupts();
        assertTrue(Scheduler.ignoresInterrupts());
        Scheduler.setIgnoreInterrupts(false);
        assertFalse(Scheduler.ignoresInterrupts());
    }

    @Test
    void realTimePauseForIsNeverEarly() throws Exception {
        long start = System.nanoTime();
        double t0 = Scheduler.time();
        Scheduler.pauseFor(0.02);
        assertTrue(System.nanoTime() - start >= 20_000_000L);
        assertTrue(Scheduler.time() - t0 >= 0.02 - 1e-6);
    }

    @Test
    @Timeout(10)
    void eachThreadHasItsOwnHubAndMainGreenlet() throws Exception {
        AtomicReference<Hub> other = new AtomicReference<>();
        AtomicReference<Greenlet> otherMain = new AtomicReference<>();
        Thread t = new Thread(() -> {
            other.set(Hub.current());
            otherMain.set(Scheduler.current());
            Hub.current().close();
        });
        t.start();
        t.join();
        assertNotSame(Hub.current(), other.get());
        assertSame(other.get().mainGreenlet(), otherMain.get());
        assertSame(Hub.current().mainGreenlet(), Scheduler.current());
        assertSame(Scheduler.mainGreenlet(), Scheduler.current());
    }
}
