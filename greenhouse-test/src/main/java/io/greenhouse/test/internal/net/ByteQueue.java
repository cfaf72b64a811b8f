package io.greenhouse.test.internal.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Bytes received and not yet read: a queue of the arrived segments' arrays.
 *
 * <p>Threading: the simulation's thread only.
 */
final class ByteQueue {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();  // owner thread; none is empty
    private int headOffset;   // owner thread; bytes of the first chunk already read
    private int size;         // owner thread; bytes queued

    void add(byte[] data) {
        if (data.length > 0) {
            chunks.addLast(data);
            size += data.length;
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Moves {@code n} bytes (at most {@link #size()}) into {@code dst}, which has room for them. */
    void moveTo(ByteBuffer dst, int n) {
        int left = n;
        while (left > 0) {
            byte[] head = chunks.peekFirst();
            int k = Math.min(left, head.length - headOffset);
            dst.put(head, headOffset, k);
            headOffset += k;
            left -= k;
            if (headOffset == head.length) {
                chunks.pollFirst();
                headOffset = 0;
            }
        }
        size -= n;
    }

    /** Drops every byte; returns how many there were. */
    int clear() {
        int n = size;
        chunks.clear();
        headOffset = 0;
        size = 0;
        return n;
    }
}
