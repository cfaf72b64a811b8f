package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;

import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.test.internal.net.NetObject;
import io.greenhouse.test.internal.net.TcpEndpoint;

/**
 * A green socket's handle on a simulated TCP endpoint: {@code GreenSocket} calls it as it calls an epoll
 * socket, and the endpoint's readiness wakes the greenlets waiting for it.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SimStream extends StreamHandle {
    private final SimulatedPoller network;       // immutable
    private final HostLife life;                 // immutable; the host the socket lives on
    private final SocketOptions options = new SocketOptions(SocketOptions.STREAM);   // sim thread
    private TcpEndpoint endpoint;                // sim thread; null until connect

    /** An unconnected socket of {@code life}'s host. */
    SimStream(SimulatedPoller network, HostLife life) throws IOException {
        super(network);
        this.network = network;
        this.life = life;
        linked();
    }

    /** An accepted connection. */
    SimStream(SimulatedPoller network, HostLife life, TcpEndpoint accepted) throws IOException {
        this(network, life);
        attach(accepted);
    }

    private void attach(TcpEndpoint e) {
        endpoint = e;
        e.setListener(ops -> {
            if ((ops & NetObject.READ) != 0) {
                readyToRead();
            }
            if ((ops & NetObject.WRITE) != 0) {
                readyToWrite();
            }
        });
    }

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        if (endpoint != null) {
            throw new IllegalStateException("already connected: " + describe());
        }
        network.checkAlive(life);
        attach(network.net().connect(life.host(), network.onHost(life, remote)));
        return endpoint.finishConnect();
    }

    @Override
    public boolean finishConnect() throws IOException {
        return connected().finishConnect();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return connected().read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return connected().write(src);
    }

    @Override
    public void shutdownInput() throws IOException {
        connected().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        connected().shutdownOutput();
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return endpoint == null ? null : endpoint.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        checkOpen();
        return endpoint == null ? null : endpoint.remoteAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        options.set(this, name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return options.get(this, name);
    }

    private TcpEndpoint connected() throws IOException {
        if (isClosed()) {
            throw new ClosedChannelException();
        }
        if (endpoint == null) {
            throw new NotYetConnectedException();
        }
        return endpoint;
    }

    @Override
    protected void closeDescriptor() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public String describe() {
        return "simulated socket " + (endpoint == null ? "(unconnected)" : endpoint.toString()) + " of host " + life;
    }
}
