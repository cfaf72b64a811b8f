package io.greenhouse.test.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.greenhouse.Greenlet;
import io.greenhouse.test.internal.net.NetHost;

/**
 * {@link GreenletHosts} for greenlets assigned explicitly: a host's main greenlets. Greenlets they schedule
 * belong to no host here (they need the inheritable greenlet context of core).
 *
 * <p>The identity map is only looked up, never iterated; order comes from the per-host lists.
 *
 * <p>Threading: the simulation's thread only.
 */
public final class AssignedHosts implements GreenletHosts {
    private final Map<Greenlet, NetHost> hostOf = new IdentityHashMap<>();           // owner thread; lookups only
    private final Map<NetHost, List<Greenlet>> greenlets = new IdentityHashMap<>();  // owner thread; lookups only

    @Override
    public void assign(Greenlet greenlet, NetHost host) {
        NetHost old = hostOf.put(greenlet, host);
        if (old != host) {
            greenlets.computeIfAbsent(host, h -> new ArrayList<>()).add(greenlet);
        }
    }

    @Override
    public NetHost hostOf(Greenlet greenlet) {
        return hostOf.get(greenlet);
    }

    @Override
    public List<Greenlet> liveGreenletsOf(NetHost host) {
        List<Greenlet> all = greenlets.get(host);
        List<Greenlet> live = new ArrayList<>();
        if (all == null) {
            return live;
        }
        all.removeIf(g -> {
            if (g.isDead()) {
                hostOf.remove(g);
                return true;
            }
            return false;
        });
        live.addAll(all);
        return live;
    }
}
