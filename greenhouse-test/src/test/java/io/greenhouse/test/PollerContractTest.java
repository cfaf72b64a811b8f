package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.DeadlockException;
import io.greenhouse.Hub;
import io.greenhouse.HubInterruptedException;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.util.Event;

/**
 * The harness's pollers keep the hub's poller contract: an interrupt of the hub's thread surfaces (and stays
 * set) unless interrupts are ignored, and a timer that can never fire counts as no timer.
 */
@Timeout(30)
class PollerContractTest {
    private static final Instant T0 = Simulation.DEFAULT_START;

    @AfterEach
    void clearInterruptAndHub() {
        Thread.interrupted();
        Hub.current().close();
    }

    /** A hub kept alive on a virtual clock, whose main greenlet then waits for another thread's work. */
    private static Hub keptAliveVirtualHub(VirtualClock clock) {
        Hub.current().close();
        Hub hub = Hub.install(clock, clock.newPoller());
        hub.keepAlive(true);
        return hub;
    }

    /**
     * Interrupts {@code target} once it waits in its poller; if the wait does not end within 5 s, sets {@code rescue}
     * from the hub (so that a poller that swallows the interrupt fails the test instead of hanging it).
     */
    private static Thread interruptWhenWaiting(Thread target, Hub hub, Event rescue, CountDownLatch ended) {
        Thread t = new Thread(() -> {
            while (target.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            target.interrupt();
            try {
                if (!ended.await(5, TimeUnit.SECONDS)) {
                    hub.execute(rescue::set);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "interrupter");
        t.start();
        return t;
    }

    @Test
    void anInterruptEndsTheWaitOfAKeptAliveVirtualTimeHubAndStaysSet() throws Exception {
        VirtualClock clock = VirtualClock.at(T0);
        Hub hub = keptAliveVirtualHub(clock);
        Event never = new Event();
        CountDownLatch ended = new CountDownLatch(1);
        Thread interrupter = interruptWhenWaiting(Thread.currentThread(), hub, never, ended);
        HubInterruptedException e;
        boolean statusSet;
        try {
            e = assertThrows(HubInterruptedException.class, never::await);
        } finally {
            statusSet = Thread.interrupted();   // cleared to join the other thread
            ended.countDown();
            interrupter.join();
        }
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertTrue(statusSet, "the interrupt status stays set");
        assertEquals(T0, clock.instant(), "waiting for another thread moves no virtual time");
    }

    @Test
    void withInterruptsIgnoredTheWaitGoesOnAndTheStatusIsCleared() throws Exception {
        VirtualClock clock = VirtualClock.at(T0);
        Hub hub = keptAliveVirtualHub(clock);
        Scheduler.setIgnoreInterrupts(true);
        Event done = new Event();
        Thread me = Thread.currentThread();
        Thread other = new Thread(() -> {
            while (me.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            me.interrupt();
            hub.execute(done::set);
        }, "interrupter");
        other.start();
        try {
            done.await();
        } finally {
            other.join();
        }
        assertFalse(Thread.currentThread().isInterrupted(), "an ignored interrupt is cleared by the poller");
    }

    @Test
    void anInterruptedSimulationThreadEndsTheRunAndTheStatusStaysSet() {
        Simulation sim = Simulation.builder().seed(7).build();
        boolean[] ioInterrupted = {false};
        sim.host("server").start(() -> {
            try (GreenServerSocket l = GreenServerSocket.bind(new java.net.InetSocketAddress(80), 4)) {
                try (GreenSocket c = l.accept()) {
                    c.recv(1);   // the client never writes
                }
            } catch (InterruptedIOException e) {
                ioInterrupted[0] = true;
            }
        });
        sim.host("client").start(() -> {
            GreenSocket c = GreenSocket.connect("server", 80);
            Scheduler.pauseFor(10);
            Thread.currentThread().interrupt();   // as JUnit's @Timeout would, from outside
            Scheduler.pauseFor(10);
            c.close();
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getCause() instanceof HubInterruptedException, String.valueOf(e.getCause()));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
        assertTrue(ioInterrupted[0], "a greenlet waiting on a simulated socket sees InterruptedIOException");
    }

    @Test
    void aTimerThatNeverFiresIsNoTimerOnAVirtualClock() throws Exception {
        Hub.current().close();
        VirtualClock clock = VirtualClock.at(T0);
        Hub hub = Hub.install(clock, clock.newPoller());
        try {
            boolean[] fired = {false};
            Scheduler.scheduleIn(Double.POSITIVE_INFINITY, () -> fired[0] = true);
            Scheduler.scheduleIn(5, () -> { });
            Event never = new Event();
            DeadlockException e = assertThrows(DeadlockException.class, never::await);
            assertEquals(T0.plusSeconds(5), clock.instant(), "the clock jumps to the timer that fires, no further");
            assertFalse(fired[0]);
            assertTrue(e.getMessage().contains("waits on Event"), e.getMessage());
        } finally {
            hub.close();
        }
    }

    @Test
    void aSimulationWhoseOnlyTimersNeverFireIsADeadlockNotAJumpToTheEndOfTime() {
        Simulation sim = Simulation.builder().seed(8).build();
        sim.host("a").start(() -> {
            Scheduler.scheduleIn(Double.POSITIVE_INFINITY, () -> { });
            Scheduler.pauseFor(Double.POSITIVE_INFINITY);
        });
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
        assertTrue(e.getMessage().contains("a:main"), e.getMessage());
        assertEquals(T0, sim.now(), "the clock stays where it was");
    }
}
