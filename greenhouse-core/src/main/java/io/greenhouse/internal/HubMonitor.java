package io.greenhouse.internal;

import io.greenhouse.Greenlet;

/**
 * What a test harness hears from a hub beyond the public hooks: the failures the library otherwise only
 * logs, so that a test can fail for them. Installed with {@link HarnessHooks#setMonitor}; test bases and the
 * deterministic harness use it. Internal: not API.
 *
 * <p>Threading: called on the hub's thread, from inside the loop; it must not block.
 */
public interface HubMonitor {
    /**
     * A hook or exception handler threw and was dropped (greenhouse's rule); {@code kind} says which
     * ({@code "global hook"}, {@code "incoming hook"}, {@code "outgoing hook"}, {@code "exception handler"}).
     *
     * @param kind which kind of callback
     * @param callback the hook or handler that was dropped
     * @param error what it threw
     */
    void callbackDropped(String kind, Object callback, Throwable error);

    /**
     * {@code greenlet} died of {@code error} and no exception handler was registered to take it.
     *
     * @param greenlet the greenlet that died
     * @param error what it died of
     */
    void unhandledFailure(Greenlet greenlet, Throwable error);
}
