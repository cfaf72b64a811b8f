package io.greenhouse.io;

import io.greenhouse.Poller;

class NioSocketTest extends SocketContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
