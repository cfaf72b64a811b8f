package io.greenhouse.util;

/**
 * A {@link Semaphore} that refuses to hold more permits than it started with: greenhouse's
 * {@code BoundedSemaphore}. A release that would exceed the initial value throws, which catches releases
 * without a matching acquire.
 * <pre>{@code
 * BoundedSemaphore sem = new BoundedSemaphore(2);
 * sem.release();   // IllegalStateException: released too many times
 * }</pre>
 *
 * <p>Threading: as {@link Semaphore}.
 *
 * <p>Differences from greenhouse: over-release throws {@link IllegalStateException} (greenhouse:
 * {@code ValueError}).
 */
public final class BoundedSemaphore extends Semaphore {
    private final int initial;   // immutable

    /** Creates a bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     *
     * @param value the number of permits it starts with, and the most it may hold
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.initial = value;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()}.
     *
     * @throws IllegalStateException if all the initial permits are already free
     */
    @Override
    public void release() {
        checkHub();
        if (value >= initial) {
            throw new IllegalStateException("BoundedSemaphore released too many times (value " + value + ")");
        }
        releasePermit();
    }
}
