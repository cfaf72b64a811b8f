package io.greenhouse.util;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A last-in-first-out {@link Queue}: greenhouse's {@code LifoQueue}. {@code get} returns the item put most
 * recently; everything else (blocking, capacity, task tracking, threading) is as in {@link Queue}.
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.put(1);
 * stack.put(2);
 * assert stack.get() == 2;
 * }</pre>
 *
 * @param <E> the type of items
 */
public final class LifoQueue<E> extends Queue<E> {
    /** Creates an unbounded LIFO queue on the current thread's hub. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue holding at most {@code maxsize} items (0 = unbounded).
     *
     *
     * @param maxsize the most items it holds; 0 for no limit
     * @throws IllegalArgumentException if {@code maxsize} is negative
     */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
