package io.greenhouse;

import org.junit.jupiter.api.BeforeEach;

/** A {@link HubTestBase} whose hub runs on a virtual clock ({@link ManualClock}) that jumps to the next timer. */
public abstract class VirtualTimeTestBase extends HubTestBase {
    protected static final double START = 1_700_000_000.0;
    protected ManualClock clock;
    protected VirtualTimePoller poller;

    @BeforeEach
    void virtualHub() {
        Hub.current().close();
        clock = new ManualClock(START);
        poller = new VirtualTimePoller(clock);
        Hub.install(clock, poller);
        installRecorder();
    }
}
