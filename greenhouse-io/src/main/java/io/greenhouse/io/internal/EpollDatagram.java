package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.DatagramSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;

/** A UDP socket registered with epoll. */
final class EpollDatagram extends DatagramHandle implements EpollIoHandle {
    private final EpollEngine engine;  // immutable
    private final Socket socket;       // immutable
    private final IoRegistration reg;  // immutable

    private EpollDatagram(Transport transport, EpollEngine engine, Socket socket) throws IOException {
        super(transport);
        this.engine = engine;
        this.socket = socket;
        this.reg = engine.register(this);
        linked();
    }

    /** Opens, binds and registers a datagram socket; nothing stays open if that fails. */
    static EpollDatagram open(Transport transport, EpollEngine engine, InetSocketAddress local)
            throws IOException {
        Socket s = LinuxSocket.newSocketDgram(local.getAddress() instanceof Inet6Address);
        try {
            s.bind(local);
            return new EpollDatagram(transport, engine, s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        EpollDescriptor.dispatch(this, event);
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        ByteBuffer b = src;
        int pos = src.position();
        int len = src.remaining();
        if (!src.isDirect()) {
            b = engine.scratch();
            if (len > b.capacity()) {
                b = ByteBuffer.allocateDirect(len);
            }
            b.put(0, src, pos, len);
            pos = 0;
        }
        int n = socket.sendTo(b, pos, pos + len, target.getAddress(), target.getPort());
        if (n <= 0 && len > 0) {
            return false;
        }
        src.position(src.limit());
        return true;
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        if (dst.isDirect()) {
            DatagramSocketAddress from = socket.recvFrom(dst, dst.position(), dst.limit());
            if (from != null) {
                dst.position(dst.position() + from.receivedAmount());
            }
            return from == null ? null : new InetSocketAddress(from.getAddress(), from.getPort());
        }
        ByteBuffer s = engine.scratch();
        DatagramSocketAddress from = socket.recvFrom(s, 0, s.capacity());
        if (from == null) {
            return null;
        }
        s.limit(Math.min(from.receivedAmount(), dst.remaining()));
        dst.put(s);
        return new InetSocketAddress(from.getAddress(), from.getPort());
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        EpollDescriptor.setOption(socket, name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return EpollDescriptor.getOption(socket, name);
    }

    @Override
    protected void closeDescriptor() {
        EpollDescriptor.close(reg, socket);
    }

    @Override
    public String describe() {
        return "datagram fd " + socket.intValue();
    }
}
