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
    /**
     * Higher wins.
     *
     * @return this provider's rank; the available provider with the highest one is used
     */
    int priority();

    /**
     * Whether this provider can create a poller on this machine.
     *
     * @return true if {@link #create()} would succeed here
     */
    boolean isAvailable();

    /**
     * Why {@link #isAvailable()} is false, or null.
     *
     * @return the failure that makes it unavailable, or null if it is available
     */
    default Throwable unavailabilityCause() {
        return null;
    }

    /**
     * Creates a new poller for one hub.
     *
     * @return a new poller, not yet attached to a hub
     */
    Poller create();

    /**
     * A short name for logs and reports, such as {@code "epoll"}.
     *
     * @return the name, as {@link Hub#pollerName()} reports it
     */
    String name();
}
