package io.greenhouse.test.internal.net;

/**
 * Told when a simulated socket may have become readable or writable: the transport that puts a green
 * socket on a simulated endpoint wakes the greenlets waiting for it. Like edge-triggered readiness, a call
 * means "try again", not a promise that the next operation will not block.
 */
@FunctionalInterface
public interface Readiness {
    /**
     * {@code ops} is a mask of {@link NetObject#READ} and {@link NetObject#WRITE}.
     *
     * @param ops what may have become ready
     */
    void ready(int ops);
}
