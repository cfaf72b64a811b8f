package io.greenhouse.internal;

import java.util.function.LongSupplier;

/**
 * The hooks of a {@link Loop} for test harnesses: a deterministic simulation forbids work from other threads,
 * keeps its simulated poller, permutes timer ties, hears of dropped callbacks and unhandled failures, and
 * describes the waiting greenlets when its simulated poller finds that nothing will ever happen.
 *
 * <p>Threading: hub thread only. Internal: not API.
 */
public final class HarnessHooks {
    private HarnessHooks() {
    }

    /**
     * From now on, {@link Loop#execute} from any other thread throws {@link IllegalStateException} with
     * {@code reason} (null allows it again): a deterministic simulation has no other threads.
     *
     * @param loop the loop of the hub to restrict
     * @param reason why other threads may not hand work over, for the exception's message; or null
     */
    public static void forbidForeignExecute(Loop loop, String reason) {
        loop.inbox.banForeign(reason);
    }

    /**
     * From now on, replacing the poller ({@code Scheduler.resetPoller}) throws {@link IllegalStateException}
     * with {@code reason} (null allows it again): a simulation keeps its simulated poller, and no real one
     * can be brought in.
     *
     * @param loop the loop of the hub whose poller stays
     * @param reason why the poller may not be replaced, for the exception's message; or null
     */
    public static void lockPoller(Loop loop, String reason) {
        loop.pollers.lock(reason);
    }

    /**
     * Timers set from now on that fall due at the same instant run in the order of the values {@code order}
     * draws for them (lowest first) instead of the order they were set; null restores that order. A seeded
     * simulation permutes such ties: on a real clock, deadlines that virtual time makes equal differ by chance.
     * Nothing else of the run order changes.
     *
     * @param loop the loop of the hub whose timers are ordered
     * @param order draws one value per timer set, or null for the order they were set
     */
    public static void orderTimerTies(Loop loop, LongSupplier order) {
        loop.queues.timers.orderTiesBy(order);
    }

    /**
     * Installs the monitor that hears of dropped callbacks and unhandled failures; null removes it.
     *
     * @param loop the loop of the hub to monitor
     * @param monitor the monitor, or null
     */
    public static void setMonitor(Loop loop, HubMonitor monitor) {
        loop.callbacks.monitor = monitor;
    }

    /**
     * A deadlock report: {@code why}, then every waiting greenlet with its blocker, what the poller says it
     * waits for and its context. For a simulated poller that finds nothing will ever happen.
     *
     * @param loop the loop of the hub whose greenlets wait
     * @param why the first sentence: why nothing can happen again
     * @return the report, for a {@link io.greenhouse.DeadlockException}
     */
    public static String describeWaiting(Loop loop, String why) {
        return DeadlockReport.describe(loop, why);
    }
}
