package io.greenhouse.test.internal;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.greenhouse.io.internal.PolledHandle;

/**
 * The socket options of a simulated socket: values are kept and read back, and change nothing of the
 * simulation (buffers, latency and faults are the simulation's settings). Options a socket of its kind does
 * not have are refused as the JDK's channels refuse them.
 *
 * <p>Threading: the simulation's thread only.
 */
final class SocketOptions {
    /** The options of a TCP connection. */
    static final List<SocketOption<?>> STREAM = List.of(StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_LINGER, StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.IP_TOS);
    /** The options of a listener. */
    static final List<SocketOption<?>> LISTENER = List.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR);
    /** The options of a datagram socket. */
    static final List<SocketOption<?>> DATAGRAM = List.of(StandardSocketOptions.SO_BROADCAST,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.IP_TOS);

    private final List<SocketOption<?>> supported;     // immutable
    private final List<SocketOption<?>> names = new ArrayList<>();  // owner thread; set so far, in order
    private final List<Object> values = new ArrayList<>();          // owner thread; parallel to names

    SocketOptions(List<SocketOption<?>> supported) {
        this.supported = supported;
    }

    /** Sets an option of the open {@code handle}. */
    <T> void set(PolledHandle handle, SocketOption<T> name, T value) throws IOException {
        handle.checkOpen();
        set(name, value);
    }

    /** An option of the open {@code handle}. */
    <T> T get(PolledHandle handle, SocketOption<T> name) throws IOException {
        handle.checkOpen();
        return get(name);
    }

    private <T> void set(SocketOption<T> name, T value) {
        check(name);
        Objects.requireNonNull(value, "value");
        if (!name.type().isInstance(value)) {
            throw new IllegalArgumentException("value of " + name + " must be a " + name.type().getSimpleName()
                    + ": " + value);
        }
        int i = names.indexOf(name);
        if (i >= 0) {
            values.set(i, value);
        } else {
            names.add(name);
            values.add(value);
        }
    }

    private <T> T get(SocketOption<T> name) {
        check(name);
        int i = names.indexOf(name);
        return name.type().cast(i >= 0 ? values.get(i) : defaultOf(name));
    }

    private void check(SocketOption<?> name) {
        Objects.requireNonNull(name, "name");
        if (!supported.contains(name)) {
            throw new UnsupportedOperationException("'" + name + "' not supported by this simulated socket");
        }
    }

    private static Object defaultOf(SocketOption<?> name) {
        if (name == StandardSocketOptions.SO_LINGER) {
            return -1;
        }
        if (name == StandardSocketOptions.SO_RCVBUF || name == StandardSocketOptions.SO_SNDBUF) {
            return 65536;
        }
        if (name == StandardSocketOptions.IP_TOS) {
            return 0;
        }
        return Boolean.FALSE;
    }
}
