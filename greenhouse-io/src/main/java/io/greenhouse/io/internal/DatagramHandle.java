package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/** A UDP socket. Nothing blocks; wait with {@link #await}. */
public abstract class DatagramHandle extends PolledHandle {
    protected DatagramHandle(Transport transport) {
        super(transport);
    }

    /** Sends the remaining bytes of {@code src} as one datagram; false (nothing sent) if it would block. */
    public abstract boolean send(ByteBuffer src, InetSocketAddress target) throws IOException;

    /** Receives one datagram into {@code dst} (the excess is dropped); its sender, or null if none waits. */
    public abstract InetSocketAddress receive(ByteBuffer dst) throws IOException;

    public abstract InetSocketAddress localAddress() throws IOException;

    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
