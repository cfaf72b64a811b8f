package io.greenhouse;

/**
 * Service-provider interface through which {@link Scheduler#resetPoller()} finds pollers
 * ({@link java.util.ServiceLoader}, {@code META-INF/services/io.greenhouse.PollerProvider}).
 *
 * <p>The available provider with the highest {@link #priority()} wins. Core registers the portable poller
 * (priority 0); {@code greenhouse-io} registers Netty epoll (where the native transport loads) above Netty
 * NIO.
 */
public interface PollerProvider {
    /** Higher wins. */
    int priority();

    /** Whether this provider can create a poller on this machine. */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, or null. */
    default Throwable unavailabilityCause() {
        return null;
    }

    /** Creates a new poller for one hub. */
    Poller create();

    /** A short name for logs and reports, such as {@code "epoll"}. */
    String name();
}
