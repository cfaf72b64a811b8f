package io.greenhouse.io;

import io.greenhouse.Poller;

class NioDatagramTest extends DatagramContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
