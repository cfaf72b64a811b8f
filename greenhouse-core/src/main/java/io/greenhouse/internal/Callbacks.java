package io.greenhouse.internal;

import java.lang.System.Logger.Level;

import io.greenhouse.ExceptionHandler;
import io.greenhouse.LocalHook;
import io.greenhouse.SwitchHook;

/**
 * A hub's hooks and exception handlers, and how they are run: global hooks before a greenlet's local
 * incoming hooks, local outgoing hooks when its turn ends, local exception handlers before global ones.
 * A callback that throws is removed for good and the failure logged under {@code io.greenhouse.scheduler}
 * (and reported to the hub's {@link HubMonitor}, if any); the loop goes on.
 *
 * <p>Threading: hub thread only.
 */
public final class Callbacks {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.scheduler");

    private final WeakList<ExceptionHandler> globalHandlers = new WeakList<>();  // hub thread only
    private final WeakList<SwitchHook> globalHooks = new WeakList<>();           // hub thread only
    HubMonitor monitor;                                                          // hub thread only; or null

    /** The global exception handlers, for registration. */
    public WeakList<ExceptionHandler> globalHandlers() {
        return globalHandlers;
    }

    /** The global switch hooks, for registration. */
    public WeakList<SwitchHook> globalHooks() {
        return globalHooks;
    }

    /** Before {@code to} gets the thread: the global hooks, then {@code to}'s incoming hooks. */
    void switchIn(Strand from, Strand to) {
        if (!globalHooks.isEmpty()) {
            globalHooks.run(h -> h.onSwitch(from.greenlet(), to.greenlet()), (h, e) -> dropped("global hook", h, e));
        }
        WeakList<LocalHook> local = to.incomingHooksOrNull();
        if (local != null && !local.isEmpty()) {
            local.run(h -> h.onSwitch(LocalHook.INCOMING, to.greenlet()), (h, e) -> dropped("incoming hook", h, e));
        }
    }

    /** When {@code s}'s turn has ended, however it ended: its outgoing hooks. */
    void switchOut(Strand s) {
        WeakList<LocalHook> local = s.outgoingHooksOrNull();
        if (local != null && !local.isEmpty()) {
            local.run(h -> h.onSwitch(LocalHook.OUTGOING, s.greenlet()), (h, e) -> dropped("outgoing hook", h, e));
        }
    }

    /**
     * Runs the local handlers of {@code s}, then the global ones. If none ran and {@code unhandledIsReported},
     * the failure is logged at WARNING and reported to the monitor.
     */
    public void handleException(Throwable error, Strand s, boolean unhandledIsReported) {
        int called = 0;
        WeakList<ExceptionHandler> local = s.localHandlersOrNull();
        if (local != null && !local.isEmpty()) {
            called += local.run(h -> h.handle(s.greenlet(), error), (h, e) -> dropped("exception handler", h, e));
        }
        if (!globalHandlers.isEmpty()) {
            called += globalHandlers.run(h -> h.handle(s.greenlet(), error),
                    (h, e) -> dropped("exception handler", h, e));
        }
        if (called == 0 && unhandledIsReported) {
            LOG.log(Level.WARNING, s.greenlet().name() + " died of an exception and no exception handler is registered",
                    error);
            if (monitor != null) {
                monitor.unhandledFailure(s.greenlet(), error);
            }
        }
    }

    /** Forgets every global hook and handler (the hub closes). */
    void clear() {
        globalHandlers.clear();
        globalHooks.clear();
    }

    private void dropped(String what, Object callback, Throwable error) {
        LOG.log(Level.WARNING, what + " " + callback + " threw and was removed", error);
        if (monitor != null) {
            monitor.callbackDropped(what, callback, error);
        }
    }
}
