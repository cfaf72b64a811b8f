package io.greenhouse.util;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that returns its smallest item first: greenhouse's {@code PriorityQueue} (a heap).
 * Items are compared by their natural order or by a given comparator; equal items come out in no
 * particular order. Everything else (blocking, capacity, task tracking, threading) is as in {@link Queue}.
 * <pre>{@code
 * PriorityQueue<Integer> q = new PriorityQueue<>();
 * q.put(3);
 * q.put(1);
 * assert q.get() == 1;
 * }</pre>
 *
 * @param <E> the type of items
 */
public final class PriorityQueue<E> extends Queue<E> {
    /** Creates an unbounded priority queue of {@link Comparable} items on the current thread's hub. */
    public PriorityQueue() {
        this(0);
    }

    /**
     * Creates a priority queue of {@link Comparable} items holding at most {@code maxsize} (0 = unbounded).
     *
     *
     * @param maxsize the most items it holds; 0 for no limit
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /**
     * Creates a priority queue ordered by {@code comparator}, holding at most {@code maxsize} items
     * (0 = unbounded).
     *
     *
     * @param maxsize the most items it holds; 0 for no limit
     * @param comparator the order: {@code get} returns the least item first
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(Objects.requireNonNull(comparator, "comparator")));
    }
}
