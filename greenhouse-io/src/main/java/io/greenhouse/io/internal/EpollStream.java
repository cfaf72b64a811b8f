package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;

/**
 * A stream handle over a non-blocking descriptor registered with epoll: a Netty {@link Socket}, or a pipe
 * end. Heap buffers go through the engine's direct scratch buffer (Netty's calls take direct buffers).
 */
final class EpollStream extends StreamHandle implements EpollIoHandle {
    private final EpollEngine engine;   // immutable
    private final FileDescriptor fd;    // immutable
    private final Socket socket;        // immutable; fd as a socket, or null for a pipe end
    private final IoRegistration reg;   // immutable
    /**
     * Hub thread only. False after a read came back short or empty: the kernel had no more, and with
     * edge-triggered registration the next arrival brings an EPOLLIN event, which sets it again. While it
     * is false a read returns 0 (would block) without a system call, as Netty's epoll reader does.
     */
    private boolean mayRead = true;
    /** Hub thread only. The peer closed, or the descriptor failed: no edge will follow, so reads always try. */
    private boolean ended;

    private EpollStream(Transport transport, EpollEngine engine, FileDescriptor fd) throws IOException {
        super(transport);
        this.engine = engine;
        this.fd = fd;
        this.socket = fd instanceof Socket ? (Socket) fd : null;
        this.reg = engine.register(this);
        linked();
    }

    /** Registers {@code fd} (non-blocking already); closes it if that fails. */
    static EpollStream register(Transport transport, EpollEngine engine, FileDescriptor fd)
            throws IOException {
        try {
            return new EpollStream(transport, engine, fd);
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        if (EpollDescriptor.mayRead(event)) {
            mayRead = true;
            if (EpollDescriptor.isFinal(event)) {
                ended = true;
            }
        }
        EpollDescriptor.dispatch(this, event);
    }

    private Socket socket() {
        if (socket == null) {
            throw new UnsupportedOperationException("not a socket: " + describe());
        }
        return socket;
    }

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        return socket().connect(remote);
    }

    @Override
    public boolean finishConnect() throws IOException {
        return socket().finishConnect();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isDirect()) {
            int n = readNative(dst, dst.position(), dst.limit());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        ByteBuffer s = engine.scratch();
        int n = readNative(s, 0, Math.min(dst.remaining(), s.capacity()));
        if (n > 0) {
            s.limit(n);
            dst.put(s);
        }
        return n;
    }

    private int readNative(ByteBuffer b, int pos, int limit) throws IOException {
        if (!mayRead) {
            return 0;
        }
        int n = socket != null ? socket.recv(b, pos, limit) : fd.read(b, pos, limit);
        if (n >= 0 && n < limit - pos && !ended) {
            mayRead = false;   // short or empty: nothing more until the next edge
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (src.isDirect()) {
            int n = writeNative(src, src.position(), src.limit());
            if (n > 0) {
                src.position(src.position() + n);
            }
            return n;
        }
        ByteBuffer s = engine.scratch();
        int len = Math.min(src.remaining(), s.capacity());
        int start = src.position();
        s.put(s.position(), src, start, len);
        int n = writeNative(s, 0, len);
        if (n > 0) {
            src.position(start + n);
        }
        return n;
    }

    private int writeNative(ByteBuffer b, int pos, int limit) throws IOException {
        return socket != null ? socket.send(b, pos, limit) : fd.write(b, pos, limit);
    }

    @Override
    public void shutdownInput() throws IOException {
        socket().shutdown(true, false);
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket().shutdown(false, true);
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket().localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return socket().remoteAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        EpollDescriptor.setOption(socket(), name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return EpollDescriptor.getOption(socket(), name);
    }

    @Override
    protected void closeDescriptor() {
        EpollDescriptor.close(reg, fd);
    }

    @Override
    public String describe() {
        return (socket != null ? "socket fd " : "pipe fd ") + fd.intValue();
    }
}
