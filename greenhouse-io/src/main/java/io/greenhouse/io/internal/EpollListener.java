package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketOption;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;

/** A listening socket registered with epoll; accepted sockets are non-blocking and registered too. */
final class EpollListener extends ListenerHandle implements EpollIoHandle {
    private final EpollEngine engine;                 // immutable
    private final Socket socket;                      // immutable
    private final IoRegistration reg;                 // immutable
    private final byte[] acceptedAddress = new byte[26]; // hub thread only; scratch for accept4

    private EpollListener(Transport transport, EpollEngine engine, Socket socket) throws IOException {
        super(transport);
        this.engine = engine;
        this.socket = socket;
        this.reg = engine.register(this);
        linked();
    }

    /** Opens, binds and registers a listener; nothing stays open if that fails. */
    static EpollListener open(Transport transport, EpollEngine engine, InetSocketAddress local, int backlog)
            throws IOException {
        Socket s = LinuxSocket.newSocketStream(local.getAddress() instanceof Inet6Address);
        try {
            s.setReuseAddress(true);
            s.bind(local);
            s.listen(backlog);
            return new EpollListener(transport, engine, s);
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
    public StreamHandle accept() throws IOException {
        int fd = socket.accept(acceptedAddress);
        if (fd == -1) {
            return null;
        }
        return EpollStream.register(transport, engine, new Socket(fd));
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
        return "listener fd " + socket.intValue();
    }
}
