package io.greenhouse.test.internal;

import java.util.List;

import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.net.NetHost;

/**
 * The seam where a greenlet's host is kept: which simulated host each greenlet belongs to, for the trace,
 * for deadlock reports, for the sockets it opens, and for {@code crash}, which ends every greenlet of a host.
 *
 * <p>A host's main greenlet is {@linkplain #assign assigned} when the host starts it. The contract is that a
 * greenlet scheduled by a greenlet of a host belongs to that host too, transitively; an implementation on
 * an inheritable greenlet context of core keeps it that way. The one used until then,
 * {@link AssignedHosts}, knows only the greenlets assigned explicitly.
 *
 * <p>Threading: the simulation's thread only.
 */
public interface GreenletHosts {
    /** Makes {@code greenlet} (a host's main greenlet) belong to {@code host}. */
    void assign(Greenlet greenlet, NetHost host);

    /** The host {@code greenlet} belongs to, or null for the test's own greenlets (and the main greenlet). */
    NetHost hostOf(Greenlet greenlet);

    /** The greenlets of {@code host} that are not dead, in the order they became the host's. */
    List<Greenlet> liveGreenletsOf(NetHost host);
}
