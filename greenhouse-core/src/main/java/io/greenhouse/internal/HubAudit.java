package io.greenhouse.internal;

import java.util.ArrayList;
import java.util.List;

import io.greenhouse.Greenlet;

/**
 * The checks a test makes of its hub when it ends: no greenlet left alive, no hook or exception handler that
 * threw (and was dropped, as greenhouse drops it), no greenlet that died of a throwable nobody handled. Those
 * are otherwise only log lines, and a test that provokes one by mistake would pass.
 *
 * <p>Attach one to the calling thread's hub at the start of a test ({@link #attach()}), declare what the test
 * provokes on purpose ({@link #expectDroppedCallbacks()}, {@link #expectUnhandledFailures()}), and ask
 * {@link #problems()} before closing the hub. Used by the test bases of this project and by the deterministic
 * harness; internal: not API.
 *
 * <p>Threading: the hub's thread.
 */
public final class HubAudit implements HubMonitor {
    private final Loop loop;                                   // immutable
    private final List<String> recorded = new ArrayList<>();   // hub thread only
    private Throwable firstError;                              // hub thread only; the first recorded throwable
    private boolean droppedCallbacksExpected;                  // hub thread only
    private boolean unhandledFailuresExpected;                 // hub thread only

    private HubAudit(Loop loop) {
        this.loop = loop;
    }

    /**
     * An audit of the calling thread's hub (created if it has none), installed as its monitor.
     *
     * @return the audit, now the hub's monitor
     */
    public static HubAudit attach() {
        Loop loop = Loop.current();
        HubAudit audit = new HubAudit(loop);
        HarnessHooks.setMonitor(loop, audit);
        return audit;
    }

    /** The test makes hooks or handlers throw on purpose: dropped callbacks are not problems. */
    public void expectDroppedCallbacks() {
        droppedCallbacksExpected = true;
    }

    /** The test lets greenlets die unhandled on purpose: such failures are not problems. */
    public void expectUnhandledFailures() {
        unhandledFailuresExpected = true;
    }

    @Override
    public void callbackDropped(String kind, Object callback, Throwable error) {
        if (!droppedCallbacksExpected) {
            record("a " + kind + " threw and was dropped: " + error, error);
        }
    }

    @Override
    public void unhandledFailure(Greenlet greenlet, Throwable error) {
        if (!unhandledFailuresExpected) {
            record(greenlet.name() + " died of an exception no handler took: " + error, error);
        }
    }

    private void record(String problem, Throwable error) {
        recorded.add(problem);
        if (firstError == null) {
            firstError = error;
        }
    }

    /**
     * Every problem found so far, one sentence each, and the greenlets still alive now (a leak: the test
     * should end or join them); empty if there is none. Ask before closing the hub, which ends its greenlets.
     *
     * @return the problems, one sentence each
     */
    public List<String> problems() {
        List<String> all = new ArrayList<>(recorded);
        if (!loop.isClosed() && loop.liveCount() > 0) {
            all.add(loop.liveCount() + " greenlet(s) left alive (end or join them before the test ends): "
                    + loop.liveGreenlets());
        }
        return all;
    }

    /**
     * An {@link AssertionError} listing {@link #problems()}, with the first throwable recorded as its cause; or null.
     *
     * @return the error to throw, or null if there is no problem
     */
    public AssertionError failure() {
        List<String> all = problems();
        if (all.isEmpty()) {
            return null;
        }
        return new AssertionError("the hub of thread " + loop.thread().getName() + " ended the test with "
                + String.join("; ", all), firstError);
    }
}
