package io.greenhouse.io;

import org.junit.jupiter.api.condition.EnabledIf;

import io.greenhouse.Poller;

@EnabledIf("io.greenhouse.io.EpollSocketTest#available")
class EpollPipeTest extends PipeContractTest {
    @Override
    protected Poller newPoller() {
        return new EpollPoller();
    }
}
