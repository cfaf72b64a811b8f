package io.greenhouse.io;

import io.greenhouse.Poller;

class NioTlsTest extends TlsContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
