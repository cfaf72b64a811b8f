package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edges of {@code pauseFor}: a negative pause is a timer already due, never "forever"; an infinite pause,
 * or a timer too far away to fire, with nothing else able to wake the hub is a {@link DeadlockException}, not a
 * hang. Real time (the portable poller): a hang would show as the timeout.
 */
class PauseLimitsTest extends HubTestBase {

    @Test
    @Timeout(10)
    void pauseForInfinityFromTheMainGreenletWithNothingElseIsADeadlock() {
        DeadlockException e = assertThrows(DeadlockException.class,
                () -> Scheduler.pauseFor(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("would wait forever"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void pauseForInfinityEndsWhenAnotherGreenletSchedulesIt() throws Exception {
        Greenlet main = Scheduler.mainGreenlet();
        Scheduler.schedule(() -> Scheduler.schedule(main));
        Scheduler.pauseFor(Double.POSITIVE_INFINITY);
    }

    @Test
    @Timeout(10)
    void aTimerThatCanNeverFireIsADeadlockNotAHang() throws Exception {
        boolean[] ran = {false};
        Greenlet never = Scheduler.scheduleIn(Double.POSITIVE_INFINITY, () -> ran[0] = true);
        Greenlet alsoNever = Scheduler.scheduleIn(1e300, () -> ran[0] = true);
        assertThrows(DeadlockException.class, never::join);
        assertThrows(DeadlockException.class, () -> Scheduler.pauseFor(Double.POSITIVE_INFINITY));
        assertFalse(ran[0]);
        endAndJoin(never, alsoNever);
    }

    @Test
    @Timeout(10)
    void aGreenletInAnInfinitePauseIsListedInTheDeadlockReport() throws Exception {
        Greenlet sleeper = Scheduler.schedule(() -> Scheduler.pauseFor(Double.POSITIVE_INFINITY));
        sleeper.setName("sleeper");
        DeadlockException e = assertThrows(DeadlockException.class, sleeper::join);
        assertTrue(e.getMessage().contains("sleeper waits on pauseFor"), e.getMessage());
        endAndJoin(sleeper);
    }

    @Test
    void aNegativePauseIsATimerAlreadyDueNotForever() throws Exception {
        List<String> order = new ArrayList<>();
        Greenlet paused = Scheduler.schedule(() -> {
            Scheduler.pause();
            order.add("paused");
        });
        Greenlet timed = Scheduler.schedule(() -> {
            Scheduler.pauseFor(-1);
            order.add("pauseFor(-1)");
        });
        paused.join();
        timed.join();
        assertEquals(List.of("pauseFor(-1)", "paused"), order,
                "due timers come before greenlets paused in the same batch");
        Scheduler.pauseFor(-1);   // from the main greenlet, with nothing else to run: returns, no deadlock
    }
}
