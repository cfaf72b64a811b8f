package io.greenhouse.io;

import io.greenhouse.Poller;

class NioFileTest extends FileContractTest {
    @Override
    protected Poller newPoller() {
        return new NioPoller();
    }
}
