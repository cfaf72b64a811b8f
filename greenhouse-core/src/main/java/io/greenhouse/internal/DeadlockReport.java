package io.greenhouse.internal;

import java.util.ArrayList;
import java.util.List;

import io.greenhouse.Greenlet;
import io.greenhouse.Poller;

/**
 * The message of a {@link io.greenhouse.DeadlockException}: why the hub would wait forever, and every waiting
 * greenlet with what it waits on (its park blocker, what the poller says it waits for, and its context, such
 * as a simulated host), and where it waits (its stack, where the continuation backend can tell).
 *
 * <p>Threading: hub thread only.
 */
final class DeadlockReport {
    /** Frames of a waiting greenlet's stack shown, after the library's own park machinery. */
    private static final int FRAMES = 12;

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
            if (!s.isMain()) {
                appendStack(sb, loop.backend().stackTrace(s.coroutine()));
            }
        }
        return sb.toString();
    }

    /** The frames of a waiting greenlet from its first frame outside the library's internal packages. */
    private static void appendStack(StringBuilder sb, StackTraceElement[] stack) {
        int from = 0;
        while (from < stack.length && stack[from].getClassName().startsWith("io.greenhouse.")
                && stack[from].getClassName().contains(".internal.")) {
            from++;
        }
        int to = Math.min(stack.length, from + FRAMES);
        for (int i = from; i < to; i++) {
            sb.append("\n      at ").append(stack[i]);
        }
        if (to < stack.length) {
            sb.append("\n      ... ").append(stack.length - to).append(" more");
        }
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
