package io.greenhouse.test.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one conversion of the poller SPI's timeout, and where it lands. */
class SimulatedPollerTest {

    @Test
    void aTimeoutInSecondsBecomesTheNanosecondsItCameFrom() {
        assertEquals(0, SimulatedPoller.timeoutNanos(0));
        assertEquals(-1, SimulatedPoller.timeoutNanos(-1));
        assertEquals(-1, SimulatedPoller.timeoutNanos(-0.5));
        assertEquals(1, SimulatedPoller.timeoutNanos(1e-12), "a positive timeout waits at least a nanosecond");
        assertEquals(Long.MAX_VALUE, SimulatedPoller.timeoutNanos(1e300));
        // The hub passes (deadline - now) / 1e9: every such value maps back to its nanoseconds.
        for (long n : new long[] {1, 7, 100_000_000, 123_456_789_012L, 3_600_000_000_000L, 86_400_000_000_001L}) {
            assertEquals(n, SimulatedPoller.timeoutNanos(n / 1e9), "for " + n);
        }
    }
}
