package io.greenhouse.internal;

import java.util.ArrayList;
import java.util.List;

import io.greenhouse.Greenlet;
import io.greenhouse.Poller;

/**
 * The message of a {@link io.greenhouse.DeadlockException}: why the hub would wait forever, and every waiting
 * greenlet with what it waits on (its park blocker, what the poller says it waits for, and its context, such
 * as a simulated host).
 *
 * <p>Threading: hub thread only.
 */
final class DeadlockReport {
    private DeadlockReport() {
    }

    /** The hub's own report: nothing runnable, no timer, no I/O, not kept alive. */
    static String describe(Loop loop) {
        return describe(loop, "the hub of thread " + loop.thread().getName() + " would wait forever: no greenlet is "
                + "runnable, no timer can fire, the poller (" + loop.pollerName() + ") waits for no I/O and the hub is "
                + "not kept alive for Hub.execute.");
    }

    /** {@code why}, then every waiting greenlet of the hub of {@code loop}: its main greenlet, then the blocked ones. */
    static String describe(Loop loop, String why) {
        StringBuilder sb = new StringBuilder(why).append(" Waiting greenlets:");
        List<Strand> waiting = new ArrayList<>();
        waiting.add(loop.main());
        for (Strand s : loop.live().snapshot()) {
            if (s.isBlocked()) {
                waiting.add(s);
            }
        }
        Poller poller = loop.poller();
        for (Strand s : waiting) {
            sb.append("\n  ").append(s.greenlet().name());
            String context = ContextValues.describe(s.context());
            if (context != null) {
                sb.append(" [").append(context).append(']');
            }
            sb.append(" waits on ").append(blocker(s.blocker()));
            String io = poller == null ? null : poller.describeWait(s.greenlet());
            if (io != null) {
                sb.append(" (").append(io).append(')');
            }
        }
        return sb.toString();
    }

    private static String blocker(Object blocker) {
        if (blocker == null) {
            return "nothing (parked)";
        }
        if (blocker instanceof Greenlet) {
            return "join(" + ((Greenlet) blocker).name() + ")";
        }
        return blocker.toString();
    }
}
