package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/** A stream handle over a non-blocking NIO {@link SocketChannel} or pipe end. */
final class NioStream extends StreamHandle {
    private final NioRegistration reg;  // immutable
    private final SocketChannel socket; // immutable; null for a pipe end

    private NioStream(Transport transport, Selector selector, SelectableChannel channel) throws IOException {
        super(transport);
        this.socket = channel instanceof SocketChannel ? (SocketChannel) channel : null;
        boolean connecting = socket != null && !socket.isConnected();
        this.reg = new NioRegistration(selector, channel, this, SelectionKey.OP_READ,
                connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE);
        linked();
    }

    /** Registers {@code channel} (a socket or pipe end); closes it if that fails. */
    static NioStream register(Transport transport, Selector selector, SelectableChannel channel)
            throws IOException {
        try {
            return new NioStream(transport, selector, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    protected void interest(boolean write, boolean on) {
        reg.interest(write, on);
    }

    private SocketChannel socket() {
        if (socket == null) {
            throw new UnsupportedOperationException("not a socket: " + describe());
        }
        return socket;
    }

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        boolean done = socket().connect(remote);
        if (done) {
            reg.writeOps = SelectionKey.OP_WRITE;
        }
        return done;
    }

    @Override
    public boolean finishConnect() throws IOException {
        boolean done = socket().finishConnect();
        if (done) {
            reg.writeOps = SelectionKey.OP_WRITE;
        }
        return done;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ((ReadableByteChannel) reg.channel).read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return ((WritableByteChannel) reg.channel).write(src);
    }

    @Override
    public void shutdownInput() throws IOException {
        socket().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket().shutdownOutput();
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) socket().getLocalAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) socket().getRemoteAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        socket().setOption(name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket().getOption(name);
    }

    @Override
    protected void closeDescriptor() {
        reg.close();
    }

    @Override
    public String describe() {
        if (socket == null) {
            return reg.channel instanceof Pipe.SourceChannel ? "pipe source" : "pipe sink";
        }
        return "socket " + socket;
    }

}
