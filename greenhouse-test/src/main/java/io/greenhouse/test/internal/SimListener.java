package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;

import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.test.internal.net.TcpEndpoint;
import io.greenhouse.test.internal.net.TcpListener;

/**
 * A green listener's handle on a simulated TCP listener; the connections it accepts live on its host.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SimListener extends ListenerHandle {
    private final SimulatedPoller network;     // immutable
    private final HostLife life;               // immutable
    private final TcpListener listener;        // immutable
    private final SocketOptions options = new SocketOptions(SocketOptions.LISTENER);   // sim thread

    SimListener(SimulatedPoller network, HostLife life, TcpListener listener) throws IOException {
        super(network);
        this.network = network;
        this.life = life;
        this.listener = listener;
        listener.setListener(ops -> readyToRead());
        linked();
    }

    @Override
    public StreamHandle accept() throws IOException {
        checkOpen();
        TcpEndpoint e = listener.accept();
        return e == null ? null : new SimStream(network, life, e);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return listener.localAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        options.set(this, name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return options.get(this, name);
    }

    @Override
    protected void closeDescriptor() {
        listener.close();
    }

    @Override
    public String describe() {
        return "simulated " + listener + " of host " + life;
    }
}
