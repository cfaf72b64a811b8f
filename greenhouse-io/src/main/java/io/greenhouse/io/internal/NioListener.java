package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listener over a non-blocking NIO {@link ServerSocketChannel}. */
final class NioListener extends ListenerHandle {
    private final Selector selector;          // immutable
    private final ServerSocketChannel server; // immutable
    private final NioRegistration reg;        // immutable

    private NioListener(Transport transport, Selector selector, ServerSocketChannel server) throws IOException {
        super(transport);
        this.selector = selector;
        this.server = server;
        this.reg = new NioRegistration(selector, server, this, SelectionKey.OP_ACCEPT, 0);
        linked();
    }

    /** Opens, binds and registers a listener; nothing stays open if that fails. */
    static NioListener open(Transport transport, Selector selector, InetSocketAddress local, int backlog)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(local, backlog);
            return new NioListener(transport, selector, server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    protected void interest(boolean write, boolean on) {
        reg.interest(write, on);
    }

    @Override
    public StreamHandle accept() throws IOException {
        SocketChannel c = server.accept();
        return c == null ? null : NioStream.register(transport, selector, c);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public <T> void setOption(SocketOption<T> name, T value) throws IOException {
        server.setOption(name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return server.getOption(name);
    }

    @Override
    protected void closeDescriptor() {
        reg.close();
    }

    @Override
    public String describe() {
        return "listener " + server;
    }
}
