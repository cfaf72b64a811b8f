package io.greenhouse.io.internal;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;

/** What the epoll handles share: event decoding, unregistration and socket options on a Netty socket. */
final class EpollDescriptor {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.io");
    private static final int EPOLLIN = 0x001;
    private static final int EPOLLOUT = 0x004;
    private static final int EPOLLERR = 0x008;
    private static final int EPOLLHUP = 0x010;
    private static final int EPOLLRDHUP = 0x2000;

    private EpollDescriptor() {
    }

    /** Wakes the waiters an event concerns; an error or hangup wakes both directions. Never throws. */
    static void dispatch(PolledHandle handle, IoEvent event) {
        int ops = ((EpollIoEvent) event).ops().value();
        if ((ops & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0) {
            handle.readyToRead();
        }
        if ((ops & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) {
            handle.readyToWrite();
        }
    }

    /** Whether an event says the descriptor may have become readable (data, end of stream, error). */
    static boolean mayRead(IoEvent event) {
        return (((EpollIoEvent) event).ops().value() & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0;
    }

    /** Whether an event reports the peer's close, a hangup or an error: states that last, unlike data. */
    static boolean isFinal(IoEvent event) {
        return (((EpollIoEvent) event).ops().value() & (EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0;
    }

    /** Removes the descriptor from epoll, then closes it. Never throws. */
    static void close(IoRegistration registration, FileDescriptor fd) {
        try {
            if (registration != null) {
                registration.cancel();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "unregistering " + fd + " failed", e);
        }
        try {
            fd.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + fd + " failed", e);
        }
    }

    static <T> void setOption(Socket s, SocketOption<T> name, T value) throws IOException {
        if (name == StandardSocketOptions.TCP_NODELAY) {
            s.setTcpNoDelay((Boolean) value);
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            s.setKeepAlive((Boolean) value);
        } else if (name == StandardSocketOptions.SO_REUSEADDR) {
            s.setReuseAddress((Boolean) value);
        } else if (name == StandardSocketOptions.SO_REUSEPORT) {
            s.setReusePort((Boolean) value);
        } else if (name == StandardSocketOptions.SO_BROADCAST) {
            s.setBroadcast((Boolean) value);
        } else if (name == StandardSocketOptions.SO_RCVBUF) {
            s.setReceiveBufferSize((Integer) value);
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            s.setSendBufferSize((Integer) value);
        } else if (name == StandardSocketOptions.SO_LINGER) {
            s.setSoLinger((Integer) value);
        } else if (name == StandardSocketOptions.IP_TOS) {
            s.setTrafficClass((Integer) value);
        } else {
            throw new UnsupportedOperationException("socket option not supported by the epoll poller: " + name);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T getOption(Socket s, SocketOption<T> name) throws IOException {
        Object v;
        if (name == StandardSocketOptions.TCP_NODELAY) {
            v = s.isTcpNoDelay();
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            v = s.isKeepAlive();
        } else if (name == StandardSocketOptions.SO_REUSEADDR) {
            v = s.isReuseAddress();
        } else if (name == StandardSocketOptions.SO_REUSEPORT) {
            v = s.isReusePort();
        } else if (name == StandardSocketOptions.SO_BROADCAST) {
            v = s.isBroadcast();
        } else if (name == StandardSocketOptions.SO_RCVBUF) {
            v = s.getReceiveBufferSize();
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            v = s.getSendBufferSize();
        } else if (name == StandardSocketOptions.SO_LINGER) {
            v = s.getSoLinger();
        } else if (name == StandardSocketOptions.IP_TOS) {
            v = s.getTrafficClass();
        } else {
            throw new UnsupportedOperationException("socket option not supported by the epoll poller: " + name);
        }
        return (T) v;
    }
}
