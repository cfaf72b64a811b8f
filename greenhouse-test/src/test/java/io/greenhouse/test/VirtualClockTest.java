package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link VirtualClock}: moves only when told, never backwards, to the nanosecond. */
class VirtualClockTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void readsItsStartUntilMoved() {
        VirtualClock c = VirtualClock.at(T0);
        assertEquals(T0, c.instant());
        assertEquals(T0.toEpochMilli(), c.millis());
        assertEquals(T0.getEpochSecond() * 1_000_000_000L, c.epochNanos());
        assertEquals(ZoneOffset.UTC, c.getZone());
    }

    @Test
    void advanceMovesByExactlyTheDuration() {
        VirtualClock c = VirtualClock.at(T0);
        c.advance(Duration.ofNanos(1));
        c.advance(Duration.ofHours(1));
        c.advance(Duration.ZERO);
        assertEquals(T0.plusSeconds(3600).plusNanos(1), c.instant());
    }

    @Test
    void advanceToMovesToTheInstantAndToTheCurrentOneIsANoOp() {
        VirtualClock c = VirtualClock.at(T0);
        c.advanceTo(T0.plusMillis(1500));
        c.advanceTo(T0.plusMillis(1500));
        assertEquals(T0.plusMillis(1500), c.instant());
    }

    @Test
    void itNeverGoesBackwards() {
        VirtualClock c = VirtualClock.at(T0.plusSeconds(10));
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> c.advanceTo(T0));
        assertTrue(back.getMessage().contains("never goes backwards"), back.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.advance(Duration.ofNanos(-1)));
        assertEquals(T0.plusSeconds(10), c.instant());
        assertThrows(NullPointerException.class, () -> c.advance(null));
    }

    @Test
    void aZoneViewSharesTheTime() {
        VirtualClock c = VirtualClock.at(T0);
        VirtualClock paris = c.withZone(ZoneId.of("Europe/Paris"));
        assertSame(c, c.withZone(ZoneOffset.UTC));
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        paris.advance(Duration.ofSeconds(5));
        assertEquals(T0.plusSeconds(5), c.instant());
    }

    @Test
    @Timeout(10)
    void readsFromAnotherThreadSeeATimeThatOnlyGrows() throws Exception {
        VirtualClock c = VirtualClock.at(T0);
        AtomicBoolean wentBack = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            long last = Long.MIN_VALUE;
            while (!done.get()) {
                long now = c.epochNanos();
                if (now < last) {
                    wentBack.set(true);
                }
                last = now;
            }
        });
        reader.start();
        for (int i = 0; i < 200_000; i++) {
            c.advance(Duration.ofNanos(3));
        }
        done.set(true);
        reader.join();
        assertEquals(T0.plusNanos(600_000), c.instant());
        assertTrue(!wentBack.get());
    }

    @Test
    void aHubOnTheClocksPollerJumpsToEachTimer() throws Exception {
        io.greenhouse.Hub.current().close();
        VirtualClock c = VirtualClock.at(T0);
        io.greenhouse.Hub hub = io.greenhouse.Hub.install(c, c.newPoller());
        try {
            long wall = System.nanoTime();
            io.greenhouse.Scheduler.pauseFor(3600);
            assertEquals(T0.plusSeconds(3600), c.instant());
            assertEquals(T0.plusSeconds(3600).toEpochMilli() / 1000.0, io.greenhouse.Scheduler.time());
            assertTrue(System.nanoTime() - wall < 5_000_000_000L, "an hour passes at once");
        } finally {
            hub.close();
        }
    }
}
