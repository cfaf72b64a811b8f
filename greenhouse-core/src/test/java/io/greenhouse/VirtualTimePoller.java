package io.greenhouse;

/** A poller with no I/O whose waits advance a {@link ManualClock} instead of sleeping. */
final class VirtualTimePoller implements Poller {
    private final ManualClock clock;
    int polls;        // test thread only
    int waits;        // test thread only; polls that advanced the clock
    boolean pendingWork;  // test thread only; pretends I/O is registered

    @Override
    public boolean hasPendingWork() {
        return pendingWork;
    }

    VirtualTimePoller(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        polls++;
        if (timeoutNanos > 0) {
            waits++;
            clock.advanceNanos(timeoutNanos);
        }
    }

    @Override
    public void wakeup() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "virtual-time";
    }
}
