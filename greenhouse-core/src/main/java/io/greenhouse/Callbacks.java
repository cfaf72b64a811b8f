package io.greenhouse;

import java.lang.System.Logger.Level;

/**
 * A hub's hooks and exception handlers, and how they are run: global hooks before a greenlet's local
 * incoming hooks, local outgoing hooks when its turn ends, local exception handlers before global ones.
 * A callback that throws is removed for good and the failure logged under {@code io.greenhouse.scheduler};
 * the loop goes on.
 *
 * <p>Threading: hub thread only.
 */
final class Callbacks {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.scheduler");

    final WeakList<ExceptionHandler> globalHandlers = new WeakList<>();  // hub thread only
    final WeakList<SwitchHook> globalHooks = new WeakList<>();           // hub thread only

    /** Before {@code to} gets the thread: the global hooks, then {@code to}'s incoming hooks. */
    void switchIn(Greenlet from, Greenlet to) {
        if (!globalHooks.isEmpty()) {
            globalHooks.run(h -> h.onSwitch(from, to), (h, e) -> dropped("global hook", h, e));
        }
        WeakList<LocalHook> local = to.incomingHooks;
        if (local != null && !local.isEmpty()) {
            local.run(h -> h.onSwitch(LocalHook.INCOMING, to), (h, e) -> dropped("incoming hook", h, e));
        }
    }

    /** When {@code g}'s turn has ended, however it ended: its outgoing hooks. */
    void switchOut(Greenlet g) {
        WeakList<LocalHook> local = g.outgoingHooks;
        if (local != null && !local.isEmpty()) {
            local.run(h -> h.onSwitch(LocalHook.OUTGOING, g), (h, e) -> dropped("outgoing hook", h, e));
        }
    }

    /** Runs the local handlers of {@code g}, then the global ones; logs the error if none ran and asked to. */
    void handleException(Throwable error, Greenlet g, boolean logIfUnhandled) {
        int called = 0;
        WeakList<ExceptionHandler> local = g.localHandlers;
        if (local != null && !local.isEmpty()) {
            called += local.run(h -> h.handle(g, error), (h, e) -> dropped("exception handler", h, e));
        }
        if (!globalHandlers.isEmpty()) {
            called += globalHandlers.run(h -> h.handle(g, error), (h, e) -> dropped("exception handler", h, e));
        }
        if (called == 0 && logIfUnhandled) {
            LOG.log(Level.WARNING, g.name() + " died of an exception and no exception handler is registered", error);
        }
    }

    /** Forgets every global hook and handler (the hub closes). */
    void clear() {
        globalHandlers.clear();
        globalHooks.clear();
    }

    private static void dropped(String what, Object callback, Throwable error) {
        LOG.log(Level.WARNING, what + " " + callback + " threw and was removed", error);
    }
}
