package io.greenhouse.test.internal;

import io.greenhouse.Greenlet;

/**
 * The seam where greenhouse-io's sockets meet the simulated network: the transport that makes
 * {@code GreenSocket}, {@code GreenServerSocket} and {@code GreenDatagramSocket} use the endpoints of
 * {@link io.greenhouse.test.internal.net.Network} when their hub's poller is a {@link SimulatedPoller}.
 *
 * <p>The network tells such a transport about readiness through
 * {@link io.greenhouse.test.internal.net.Readiness} listeners on its endpoints, which the poller dispatches
 * after each delivery; the transport finds the calling greenlet's host through {@link GreenletHosts}. What the
 * poller asks of it directly is only what each greenlet waits for, for deadlock reports.
 */
public interface SimulatedTransport {
    /** No transport: nothing waits on simulated sockets. */
    SimulatedTransport NONE = greenlet -> null;

    /**
     * What {@code greenlet} waits for on the simulated network, such as
     * {@code "read on tcp#3 127.77.0.2:49152>127.77.0.1:80"}, or null if it waits for no socket.
     */
    String describeWait(Greenlet greenlet);
}
