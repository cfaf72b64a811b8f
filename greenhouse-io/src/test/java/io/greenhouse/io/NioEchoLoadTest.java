package io.greenhouse.io;

import io.greenhouse.Poller;

class NioEchoLoadTest extends EchoLoadContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
