package io.greenhouse.io.internal;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The NIO side of a handle: its channel's {@link SelectionKey}, whose interest set follows the handle's
 * waiters (level-triggered selection would otherwise report an idle writable socket on every poll).
 * Interest changes are applied by the JDK at the next select, and cost no system call when they cancel
 * out before it.
 */
final class NioRegistration {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.io");

    final SelectableChannel channel;  // immutable
    private final Selector selector;  // immutable
    private final SelectionKey key;   // immutable; attachment is the handle
    int readOps;                      // hub thread only; OP_READ or OP_ACCEPT
    int writeOps;                     // hub thread only; OP_WRITE, or OP_CONNECT while connecting

    NioRegistration(Selector selector, SelectableChannel channel, PolledHandle handle, int readOps, int writeOps)
            throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.readOps = readOps;
        this.writeOps = writeOps;
        channel.configureBlocking(false);
        this.key = channel.register(selector, 0, handle);
    }

    void interest(boolean write, boolean on) {
        if (!key.isValid()) {
            return;
        }
        int ops = write ? writeOps : readOps;
        int current = key.interestOps();
        key.interestOps(on ? current | ops : current & ~ops);
    }

    /**
     * Closes the channel. NIO defers closing the descriptor of a registered channel until the selector
     * drops its cancelled key at the next select; a listener would go on accepting (then resetting)
     * connections until then, and the descriptor would outlive close(). So select once now: its ready keys
     * are dispatched as in a poll, which at worst wakes a greenlet early (it retries).
     */
    void close() {
        key.cancel();
        try {
            channel.close();
            if (selector.isOpen()) {
                selector.selectNow(NioRegistration::dispatch);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + channel + " failed", e);
        }
    }

    /** Wakes the handle's waiters for the ready operations of {@code key}. Called in the poll. */
    static void dispatch(SelectionKey key) {
        PolledHandle h = (PolledHandle) key.attachment();
        int ready;
        try {
            ready = key.readyOps();
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            h.readyToRead();
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            h.readyToWrite();
        }
    }
}
