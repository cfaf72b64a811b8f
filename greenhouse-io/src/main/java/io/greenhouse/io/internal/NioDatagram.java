package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/** A datagram handle over a non-blocking NIO {@link DatagramChannel}. */
final class NioDatagram extends DatagramHandle {
    private final DatagramChannel channel; // immutable
    private final NioRegistration reg;     // immutable

    private NioDatagram(Transport transport, Selector selector, DatagramChannel channel) throws IOException {
        super(transport);
        this.channel = channel;
        this.reg = new NioRegistration(selector, channel, this, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
        linked();
    }

    /** Opens, binds and registers a datagram socket; nothing stays open if that fails. */
    static NioDatagram open(Transport transport, Selector selector, InetSocketAddress local)
            throws IOException {
        DatagramChannel c = DatagramChannel.open();
        try {
            c.bind(local);
            return new NioDatagram(transport, selector, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    protected void interest(boolean write, boolean on) {
        reg.interest(write, on);
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        return channel.send(src, target) > 0 || !src.hasRemaining();
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        return (InetSocketAddress) channel.receive(dst);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        channel.setOption(name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return channel.getOption(name);
    }

    @Override
    protected void closeDescriptor() {
        reg.close();
    }

    @Override
    public String describe() {
        return "datagram " + channel;
    }
}
