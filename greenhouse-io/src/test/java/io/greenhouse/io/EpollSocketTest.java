package io.greenhouse.io;

import org.junit.jupiter.api.condition.EnabledIf;

import io.greenhouse.Poller;

@EnabledIf("io.greenhouse.io.EpollSocketTest#available")
class EpollSocketTest extends SocketContractTest {
    static boolean available() {
        return new EpollPoller.Provider().isAvailable();
    }

    @Override
    protected Poller newPoller() {
        return new EpollPoller();
    }
}
