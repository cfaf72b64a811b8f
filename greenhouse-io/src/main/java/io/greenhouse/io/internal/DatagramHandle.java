package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/** A UDP socket. Nothing blocks; wait with {@link #await}. */
public abstract class DatagramHandle extends PolledHandle {
    /**
     * A datagram handle of {@code transport}; the subclass registers its descriptor and then calls {@link #linked()}.
     *
     * @param transport the transport that registers it and reports its readiness
     */
    protected DatagramHandle(Transport transport) {
        super(transport);
    }

    /**
     * Sends the remaining bytes of {@code src} as one datagram; false (nothing sent) if it would block.
     *
     * @param src the datagram, from its position to its limit; its position advances if it was sent
     * @param target the destination
     * @return true if it was sent, false if it would block
     * @throws IOException if sending failed
     */
    public abstract boolean send(ByteBuffer src, InetSocketAddress target) throws IOException;

    /**
     * Receives one datagram into {@code dst} (the excess is dropped); its sender, or null if none waits.
     *
     * @param dst the buffer to receive into, from its position
     * @return the sender, or null if no datagram is queued
     * @throws IOException if receiving failed
     */
    public abstract InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * The bound address.
     *
     * @return the local address
     * @throws IOException if the descriptor is closed or the address cannot be read
     */
    public abstract InetSocketAddress localAddress() throws IOException;

    /**
     * Sets a socket option.
     *
     * @param <T> the option's value type
     * @param name the option
     * @param value its new value
     * @throws IOException if it cannot be set
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> void setOption(SocketOption<T> name, T value) throws IOException;

    /**
     * The value of a socket option.
     *
     * @param <T> the option's value type
     * @param name the option
     * @return its value
     * @throws IOException if it cannot be read
     * @throws UnsupportedOperationException for an option this transport does not support
     */
    public abstract <T> T getOption(SocketOption<T> name) throws IOException;
}
