package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.greenhouse.DeadlockException;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Recurring;
import io.greenhouse.Scheduler;
import io.greenhouse.util.Condition;
import io.greenhouse.util.Event;
import io.greenhouse.util.Lock;
import io.greenhouse.util.Queue;
import io.greenhouse.util.Semaphore;
import io.greenhouse.util.Timer;

/**
 * The scheduler's and util's timed behaviours under {@link GreenhouseTest}, with exact virtual timings: each
 * wait returns at once in real time, exactly as late as it asked in virtual time.
 */
class VirtualTimeSchedulingTest {
    private static final double START = Simulation.DEFAULT_START.getEpochSecond();

    /** Virtual seconds since the test started. */
    private static double elapsed() {
        return Scheduler.time() - START;
    }

    @GreenhouseTest
    void pauseForAnHourReturnsAtOnceWithTheClockAnHourLater() throws Exception {
        long wall = System.nanoTime();
        assertEquals(START, Scheduler.time());
        Scheduler.pauseFor(3600);
        assertEquals(START + 3600, Scheduler.time());
        assertTrue(System.nanoTime() - wall < TimeUnit.SECONDS.toNanos(1), "at once in real time");
    }

    @GreenhouseTest
    void theClockParameterIsTheHubsClock(VirtualClock clock) throws Exception {
        assertSame(clock, Scheduler.clock());
        assertEquals(Simulation.DEFAULT_START, clock.instant());
        Scheduler.pauseFor(Duration.ofMillis(1500));
        assertEquals(Simulation.DEFAULT_START.plusMillis(1500), clock.instant());
    }

    @GreenhouseTest(start = "2030-06-01T12:00:00Z")
    void theStartIsConfigurable() {
        assertEquals(Instant.parse("2030-06-01T12:00:00Z"), Scheduler.clock().instant());
    }

    @GreenhouseTest
    void timersFireInDeadlineOrderAtTheirExactTimes() throws Exception {
        List<String> log = new ArrayList<>();
        Scheduler.scheduleIn(3, () -> log.add("c " + elapsed()));
        Scheduler.scheduleIn(1, () -> log.add("a " + elapsed()));
        Scheduler.scheduleIn(Duration.ofMillis(2250), () -> log.add("b " + elapsed()));
        Scheduler.scheduleAt(START + 1, () -> log.add("a2 " + elapsed()));
        Scheduler.pauseFor(10);
        assertEquals(List.of("a 1.0", "a2 1.0", "b 2.25", "c 3.0"), log);
        assertEquals(10.0, elapsed());
    }

    @GreenhouseTest
    void aRecurringRunKeepsItsScheduleWithoutDrift() throws Exception {
        List<Double> runs = new ArrayList<>();
        Recurring r = Scheduler.scheduleRecurring(1.5, () -> {
            runs.add(elapsed());
            Scheduler.pauseFor(1);   // a run that takes time does not push the next one
        }, 4, 0);
        Scheduler.pauseFor(20);
        assertEquals(List.of(1.5, 3.0, 4.5, 6.0), runs);
        assertEquals(4, r.runs());
    }

    @GreenhouseTest
    void aScheduledExceptionArrivesAtItsTimeInTheCallTheGreenletWaitsIn() throws Exception {
        double[] caughtAt = {-1};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                Scheduler.pauseFor(100);
            } catch (IllegalStateException expected) {
                caughtAt[0] = elapsed();
            }
        });
        Scheduler.pause();   // g starts and waits (greenhouse sets the exception at once: g must be waiting)
        Scheduler.scheduleExceptionIn(7.5, new IllegalStateException("at 7.5 s"), g);
        g.join();
        assertEquals(7.5, caughtAt[0]);
    }

    @GreenhouseTest
    void aPoolOfTwoRunsFourOneSecondJobsInTwoVirtualSecondsInInputOrder() throws Exception {
        List<Integer> out = io.greenhouse.pool.Pools.map(n -> {
            Scheduler.pauseFor(1);
            return n * 10;
        }, List.of(1, 2, 3, 4), 2);
        assertEquals(List.of(10, 20, 30, 40), out);
        assertEquals(2.0, elapsed());
    }

    @GreenhouseTest
    void aBoundedQueueBlocksAProducerUntilTheConsumerTakesAndWakesItAtThatInstant() throws Exception {
        Queue<Integer> q = new Queue<>(1);
        List<String> log = new ArrayList<>();
        Greenlet producer = Scheduler.schedule(() -> {
            for (int i = 0; i < 3; i++) {
                q.put(i);
                log.add("put " + i + " at " + elapsed());
            }
        });
        for (int i = 0; i < 3; i++) {
            Scheduler.pauseFor(2);
            log.add("got " + q.get() + " at " + elapsed());
        }
        producer.join();
        assertEquals(List.of("put 0 at 0.0", "got 0 at 2.0", "put 1 at 2.0", "got 1 at 4.0", "put 2 at 4.0",
                "got 2 at 6.0"), log);
    }

    @GreenhouseTest
    void timedWaitsOfUtilTimeOutExactly() throws Exception {
        Event never = new Event();
        assertFalse(never.await(2.5));
        assertEquals(2.5, elapsed());

        Queue<String> q = new Queue<>();
        assertThrows(Queue.Empty.class, () -> q.get(true, 1.25));
        assertEquals(3.75, elapsed());

        Lock lock = new Lock();
        Condition c = new Condition(lock);
        lock.acquire();
        assertFalse(c.await(0.25));
        lock.release();
        assertEquals(4.0, elapsed());
    }

    @GreenhouseTest
    void aLockHeldForFiveSecondsTimesOutAShortWaitAndGrantsALongOne() throws Exception {
        Lock lock = new Lock();
        Greenlet holder = Scheduler.schedule(() -> {
            lock.acquire();
            Scheduler.pauseFor(5);
            lock.release();
        });
        Scheduler.pause();
        assertFalse(lock.acquire(2.0));
        assertEquals(2.0, elapsed());
        assertTrue(lock.acquire(10.0));
        assertEquals(5.0, elapsed());
        lock.release();
        holder.join();
    }

    @GreenhouseTest
    void aSemaphoreWakesItsWaitersInOrderAsPermitsComeBack() throws Exception {
        Semaphore s = new Semaphore(0);
        List<String> order = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            Scheduler.schedule(() -> {
                s.acquire();
                order.add(name + " " + elapsed());
            });
        }
        Scheduler.scheduleIn(1, s::release);
        Scheduler.scheduleIn(4, s::release);
        Scheduler.pauseFor(5);
        assertEquals(List.of("first 1.0", "second 4.0"), order);
    }

    @GreenhouseTest
    void joinWithATimeoutGivesUpExactlyThenJoinWaitsForTheEnd() throws Exception {
        Greenlet sleeper = Scheduler.schedule(() -> Scheduler.pauseFor(10));
        assertFalse(sleeper.join(Duration.ofSeconds(3)));
        assertEquals(3.0, elapsed());
        sleeper.join();
        assertEquals(10.0, elapsed());
    }

    @GreenhouseTest
    void aTimerRunsAfterItsIntervalUnlessCancelled() throws Exception {
        List<Double> fired = new ArrayList<>();
        new Timer(2, () -> fired.add(elapsed())).start();
        Timer cancelled = new Timer(1, () -> fired.add(-1.0));
        cancelled.start();
        assertTrue(cancelled.cancel());
        Scheduler.pauseFor(3);
        assertEquals(List.of(2.0), fired);
    }

    @GreenhouseTest
    void waitingForWhatCanNeverHappenIsADeadlockReport() {
        DeadlockException e = assertThrows(DeadlockException.class, () -> new Event().await());
        assertTrue(e.getMessage().contains("Event"), e.getMessage());
    }

    @GreenhouseTest
    void aHubKeptAliveWaitsInRealTimeForWorkFromAnotherThread() throws Exception {
        Hub hub = Hub.current();
        Event done = new Event();
        CountDownLatch go = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hub.execute(done::set);
        });
        hub.keepAlive(true);
        other.start();
        go.countDown();
        done.await();
        hub.keepAlive(false);
        other.join();
        assertEquals(0.0, elapsed(), "no timer: the clock did not move");
    }
}
