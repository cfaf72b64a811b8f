package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;

/** A listening TCP socket. {@link #accept()} never blocks; wait with {@link #await}. */
public abstract class ListenerHandle extends PolledHandle {
    /**
     * A listener handle of {@code transport}; the subclass registers its descriptor and then calls {@link #linked()}.
     *
     * @param transport the transport that registers it and reports its readiness
     */
    protected ListenerHandle(Transport transport) {
        super(transport);
    }

    /**
     * The next connection, registered with the same poller, or null if none is pending.
     *
     * @return the accepted connection's handle, or null
     * @throws IOException if accepting failed
     */
    public abstract StreamHandle accept() throws IOException;

    /**
     * The bound address.
     *
     * @return the local address, with the port the system picked if 0 was bound
     * @throws IOException if the descriptor is closed or the address cannot be read
     */
    public abstract InetSocketAddress localAddress() throws IOException;

    /**
     * Sets a socket option of the listener.
     *
     * @param <T> the option's value type
     * @param name the option
     * @param value its new value
     * @throws IOException if it cannot be set
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    /**
     * The value of a socket option of the listener.
     *
     * @param <T> the option's value type
     * @param name the option
     * @return its value
     * @throws IOException if it cannot be read
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
