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
    private final WeakList.FailureSink dropped = this::dropped;                  // immutable; made once
    HubMonitor monitor;                                                          // hub thread only; or null

    /** No hooks or handlers yet. */
    public Callbacks() {
    }

    /**
     * The global exception handlers, for registration.
     *
     * @return the list the API registers global handlers in
     */
    public WeakList<ExceptionHandler> globalHandlers() {
        return globalHandlers;
    }

    /**
     * The global switch hooks, for registration.
     *
     * @return the list the API registers global hooks in
     */
    public WeakList<SwitchHook> globalHooks() {
        return globalHooks;
    }

    /** Before {@code to} gets the thread: the global hooks, then {@code to}'s incoming hooks. */
    void switchIn(Strand from, Strand to) {
        if (!globalHooks.isEmpty()) {
            globalHooks.run((h, f, t) -> h.onSwitch(f, t), from.greenlet(), to.greenlet(), "global hook", dropped);
        }
        WeakList<LocalHook> local = to.incomingHooksOrNull();
        if (local != null && !local.isEmpty()) {
            local.run((h, g, unused) -> h.onSwitch(LocalHook.INCOMING, g), to.greenlet(), null, "incoming hook",
                    dropped);
        }
    }

    /** When {@code s}'s turn has ended, however it ended: its outgoing hooks. */
    void switchOut(Strand s) {
        WeakList<LocalHook> local = s.outgoingHooksOrNull();
        if (local != null && !local.isEmpty()) {
            local.run((h, g, unused) -> h.onSwitch(LocalHook.OUTGOING, g), s.greenlet(), null, "outgoing hook",
                    dropped);
        }
    }

    /**
     * Runs the local handlers of {@code s}, then the global ones, with {@code error}; a handler that throws is
     * dropped.
     *
     * @param error the throwable to hand to the handlers
     * @param s     the greenlet it concerns (the handlers' first argument)
     * @return whether at least one handler ran
     */
    public boolean handleException(Throwable error, Strand s) {
        int called = 0;
        WeakList<ExceptionHandler> local = s.localHandlersOrNull();
        if (local != null && !local.isEmpty()) {
            called += local.run(ExceptionHandler::handle, s.greenlet(), error, "exception handler", dropped);
        }
        if (!globalHandlers.isEmpty()) {
            called += globalHandlers.run(ExceptionHandler::handle, s.greenlet(), error, "exception handler", dropped);
        }
        return called > 0;
    }

    /**
     * A failure of {@code s} that no handler took: reported to the monitor, and logged at WARNING unless the
     * loop handed it to the main greenlet ({@code surfaced}), whose blocking call throws it instead.
     *
     * @param s        the greenlet that failed
     * @param error    what it failed with
     * @param what     how it failed, for the log: {@code "died of an exception"}
     * @param surfaced whether the main greenlet's blocking call throws {@code error}
     */
    void unhandled(Strand s, Throwable error, String what, boolean surfaced) {
        if (!surfaced) {
            LOG.log(Level.WARNING, s.greenlet().name() + " " + what + " and no exception handler is registered "
                    + "(register one with Scheduler.globalExceptionHandler, or set Hub.setFailFast(true) or "
                    + "-D" + Loop.FAIL_FAST_PROPERTY + "=true to have the main greenlet throw it)", error);
        }
        if (monitor != null) {
            monitor.unhandledFailure(s.greenlet(), error);
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
