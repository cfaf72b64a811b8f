package io.greenhouse.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import io.greenhouse.Greenlet;

/**
 * Makes a blocked hub visible: a daemon thread that looks at every hub every half threshold and logs a
 * WARNING (under {@code io.greenhouse.scheduler}) when one greenlet has held its hub's thread for longer than
 * the threshold, with that thread's stack, so a CPU-bound greenlet or a blocking JDK call can be found.
 *
 * <p>The threshold is {@code -Dio.greenhouse.stallWarningMillis} (default 1000; 0 turns the watchdog off).
 * One thread serves the whole JVM; it starts with the first hub. Hubs only count their turns (one plain
 * increment per switch); everything else happens on the watchdog's thread, from racy but harmless reads.
 */
final class StallWatchdog implements Runnable {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.scheduler");
    static final long THRESHOLD_MILLIS = Long.getLong("io.greenhouse.stallWarningMillis", 1000L);

    private static final Map<Loop, Boolean> HUBS = Collections.synchronizedMap(new WeakHashMap<>());
    private static Thread thread;  // guarded by StallWatchdog.class

    private StallWatchdog() {
    }

    /** Starts watching {@code hub}; starts the watchdog thread on first use. */
    static void watch(Loop hub) {
        if (THRESHOLD_MILLIS <= 0) {
            return;
        }
        HUBS.put(hub, Boolean.TRUE);
        synchronized (StallWatchdog.class) {
            if (thread == null) {
                thread = new Thread(new StallWatchdog(), "greenhouse-stall-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    @Override
    public void run() {
        Map<Loop, int[]> seen = new WeakHashMap<>();   // hub -> {turns at last look, looks without progress}
        long period = Math.max(1, THRESHOLD_MILLIS / 2);
        for (;;) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            List<Loop> hubs;
            synchronized (HUBS) {
                hubs = new ArrayList<>(HUBS.keySet());
            }
            for (Loop hub : hubs) {
                if (hub.isClosed()) {
                    HUBS.remove(hub);
                    continue;
                }
                Greenlet running = hub.runningGreenlet();
                int turns = hub.turnCount();
                int[] s = seen.computeIfAbsent(hub, h -> new int[] {turns - 1, 0});
                if (running == null || turns != s[0]) {
                    s[0] = turns;
                    s[1] = 0;
                    continue;
                }
                if (++s[1] == 2) {
                    Throwable where = new Throwable("stack of " + hub.thread().getName());
                    where.setStackTrace(hub.thread().getStackTrace());
                    LOG.log(Level.WARNING, running.name() + " has held the hub of thread " + hub.thread().getName()
                            + " for more than " + THRESHOLD_MILLIS + " ms without suspending: a CPU-bound greenlet "
                            + "or a blocking call stalls every other greenlet (scheduled exceptions and end() "
                            + "reach it only at its next suspension)", where);
                }
            }
        }
    }
}
