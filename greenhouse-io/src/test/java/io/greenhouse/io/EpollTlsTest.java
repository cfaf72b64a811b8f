package io.greenhouse.io;

import org.junit.jupiter.api.condition.EnabledIf;

import io.greenhouse.Poller;

@EnabledIf("io.greenhouse.io.EpollTlsTest#available")
class EpollTlsTest extends TlsContractTest {
    static boolean available() {
        return new EpollPoller.Provider().isAvailable();
    }

    @Override
    protected Poller newPoller() {
        return new EpollPoller();
    }
}
