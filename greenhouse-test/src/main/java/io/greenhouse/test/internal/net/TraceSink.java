package io.greenhouse.test.internal.net;

/**
 * Where the network reports what it does: every send, delivery, stall, drop and fault. The simulation's
 * sink adds the virtual time and the running greenlet and appends the event to the trace.
 */
@FunctionalInterface
public interface TraceSink {
    /**
     * Records one event.
     *
     * @param kind   {@code send}, {@code deliver}, {@code stall}, {@code drop} or {@code fault}
     * @param host   the host where it happens, or null for the whole network
     * @param detail what happened, such as {@code tcp#1 127.77.0.2:49152>127.77.0.1:80 data 12B}
     */
    void record(String kind, NetHost host, String detail);
}
