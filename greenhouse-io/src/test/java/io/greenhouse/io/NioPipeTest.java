package io.greenhouse.io;

import io.greenhouse.Poller;

class NioPipeTest extends PipeContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
