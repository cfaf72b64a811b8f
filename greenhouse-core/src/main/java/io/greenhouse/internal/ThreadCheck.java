package io.greenhouse.internal;

/**
 * The one thread check of the library: a hub and everything made on it (its greenlets, primitives, pools,
 * sockets) belong to the hub's thread. Public entry points call {@link #check}; the message names both
 * threads and the object, and says how to hand work over instead.
 *
 * <p>Threading: any thread.
 */
public final class ThreadCheck {
    private ThreadCheck() {
    }

    /**
     * Throws {@link IllegalStateException} unless the calling thread is {@code owner}.
     *
     * @param owner   the hub's thread
     * @param subject what was used, for the message (its {@code toString()} is read only on failure), or
     *                null for the hub itself
     */
    public static void check(Thread owner, Object subject) {
        if (Thread.currentThread() != owner) {
            throw wrongThread(owner, subject);
        }
    }

    private static IllegalStateException wrongThread(Thread owner, Object subject) {
        String hub = "the hub of thread " + owner.getName();
        return new IllegalStateException((subject == null ? hub : subject + " of " + hub) + " was used from thread "
                + Thread.currentThread().getName() + ": a hub and everything made on it (greenlets, primitives, "
                + "pools, sockets) belong to the hub's thread; hand work over with Hub.execute");
    }
}
