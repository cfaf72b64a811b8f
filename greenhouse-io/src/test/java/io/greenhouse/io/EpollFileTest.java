package io.greenhouse.io;

import org.junit.jupiter.api.condition.EnabledIf;

import io.greenhouse.Poller;

@EnabledIf("io.greenhouse.io.EpollSocketTest#available")
class EpollFileTest extends FileContractTest {
    @Override
    protected Poller newPoller() {
        return new EpollPoller();
    }
}
