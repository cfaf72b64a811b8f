package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

import io.greenhouse.io.internal.DatagramHandle;
import io.greenhouse.test.internal.net.DatagramPort;

/**
 * A green datagram socket's handle on a simulated UDP port. Sending never blocks (a datagram the network
 * cannot carry is lost, as UDP's are); receiving waits for the next datagram.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SimDatagram extends DatagramHandle {
    private final SimulatedPoller network;     // immutable
    private final HostLife life;               // immutable
    private final DatagramPort port;           // immutable
    private final SocketOptions options = new SocketOptions(SocketOptions.DATAGRAM);   // sim thread

    SimDatagram(SimulatedPoller network, HostLife life, DatagramPort port) throws IOException {
        super(network);
        this.network = network;
        this.life = life;
        this.port = port;
        port.setListener(ops -> readyToRead());
        linked();
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        checkOpen();
        port.send(src, network.onHost(life, target));
        return true;
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        checkOpen();
        return port.receive(dst);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return port.localAddress();
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
        port.close();
    }

    @Override
    public String describe() {
        return "simulated " + port + " of host " + life;
    }
}
