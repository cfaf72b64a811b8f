package io.greenhouse.pool;

/**
 * Thrown by {@link Pool#get()} when the pool is closed and no result is left, and thrown into greenlets
 * blocked in {@code get()} when the pool is closed: greenhouse's {@code PoolClosed}.
 */
public class PoolClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public PoolClosed() {
        super("the pool is closed");
    }

    /**
     * Creates the exception with a message.
     *
     * @param message which pool was closed
     */
    public PoolClosed(String message) {
        super(message);
    }
}
