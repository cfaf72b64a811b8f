package io.greenhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * The message of a {@link DeadlockException}: why the hub would wait forever, and every waiting greenlet
 * with what it waits on (its park blocker, and what the poller says it waits for).
 *
 * <p>Threading: hub thread only.
 */
final class DeadlockReport {
    private DeadlockReport() {
    }

    /**
     * Describes the hub of {@code thread}: its main greenlet and the blocked greenlets of the live list
     * starting at {@code liveHead}.
     */
    static String describe(Thread thread, Greenlet main, Greenlet liveHead, Poller poller, String pollerName) {
        StringBuilder sb = new StringBuilder("the hub of thread ").append(thread.getName())
                .append(" would wait forever: no greenlet is runnable, no timer is set, the poller (")
                .append(pollerName).append(") waits for no I/O and the hub is not kept alive for Hub.execute. ")
                .append("Waiting greenlets:");
        List<Greenlet> waiting = new ArrayList<>();
        waiting.add(main);
        for (Greenlet g = liveHead; g != null; g = g.nextLive) {
            if (g.state == Greenlet.BLOCKED) {
                waiting.add(g);
            }
        }
        for (Greenlet g : waiting) {
            sb.append("\n  ").append(g.name()).append(" waits on ").append(blocker(g.blocker));
            String io = poller == null ? null : poller.describeWait(g);
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
