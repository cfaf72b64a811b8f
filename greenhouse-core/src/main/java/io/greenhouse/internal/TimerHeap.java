package io.greenhouse.internal;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A binary min-heap of {@link HubTimer}s ordered by (deadline, sequence), with O(log n) removal through
 * each timer's index. No allocation per operation beyond growth of the backing array.
 *
 * <p>The sequence is the order timers were set, so that timers due at the same instant fire in that order;
 * a deterministic harness may draw it instead ({@link #orderTiesBy}), which permutes only such ties.
 *
 * <p>Threading: hub thread only.
 */
final class TimerHeap {
    private HubTimer[] heap = new HubTimer[16];  // hub thread only; [0, size) is a heap
    private int size;                            // hub thread only
    private long nextSeq;                        // hub thread only
    private LongSupplier tieOrder;               // hub thread only; null: ties in the order set

    boolean isEmpty() {
        return size == 0;
    }

    HubTimer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(HubTimer t, long deadline) {
        assert t.index < 0 : "timer already armed";
        t.deadline = deadline;
        t.seq = tieOrder == null ? nextSeq++ : tieOrder.getAsLong();
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.index = size;
        heap[size++] = t;
        siftUp(t.index);
    }

    /** Timers set from now on take their tie-breaking sequence from {@code order} (null: the order set). */
    void orderTiesBy(LongSupplier order) {
        tieOrder = order;
    }

    HubTimer poll() {
        if (size == 0) {
            return null;
        }
        HubTimer top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code t} if it is armed; returns whether it was. */
    boolean remove(HubTimer t) {
        if (t.index < 0) {
            return false;
        }
        removeAt(t.index);
        return true;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        HubTimer removed = heap[i];
        removed.index = -1;
        int last = --size;
        if (i != last) {
            HubTimer moved = heap[last];
            heap[i] = moved;
            moved.index = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        HubTimer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            HubTimer p = heap[parent];
            if (!t.before(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        HubTimer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            HubTimer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(t)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
