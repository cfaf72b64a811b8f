package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;

/** A listening TCP socket. {@link #accept()} never blocks; wait with {@link #await}. */
public abstract class ListenerHandle extends PolledHandle {
    protected ListenerHandle(Transport transport) {
        super(transport);
    }

    /** The next connection, registered with the same poller, or null if none is pending. */
    public abstract StreamHandle accept() throws IOException;

    public abstract InetSocketAddress localAddress() throws IOException;

    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
