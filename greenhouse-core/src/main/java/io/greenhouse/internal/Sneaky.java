package io.greenhouse.internal;

/**
 * Rethrows a throwable unwrapped and unchecked: how an exception scheduled into a greenlet, or a pool
 * input's failure, comes out of a call exactly as it was given (API.md: "the same instance, unwrapped, even
 * when it is a checked exception").
 */
public final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t} as it is. Declared to return an exception so that callers can write
     * {@code throw Sneaky.rethrow(t);} and the compiler sees the flow end.
     *
     * @param t the throwable to throw
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>raw(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T raw(Throwable t) throws T {
        throw (T) t;
    }
}
