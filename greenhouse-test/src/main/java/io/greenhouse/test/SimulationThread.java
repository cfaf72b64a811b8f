package io.greenhouse.test;

import java.util.List;

/**
 * Runs one invocation of a {@link SimulationTest} method on a thread of its own, within a wall-clock limit.
 *
 * <p>The JUnit thread starts the simulation thread and waits for it. When the limit passes it asks every
 * simulation of the invocation to stop at its next poll (so a greenlet that keeps suspending, or the
 * virtual clock that keeps moving, is stopped with a {@link SimulationException}) and interrupts the thread
 * (which ends a blocking JDK call). A greenlet that never suspends cannot be preempted: if the thread has
 * not finished after a grace period, the invocation fails with the thread's stack and the thread is
 * abandoned (it is a daemon), rather than hanging the build.
 *
 * <p>After the method, still on the simulation thread, every simulation of the invocation is finished: its
 * hub released, and the greenlets still alive reported as a leak.
 */
final class SimulationThread {
    /**
     * How long a stopped run has to reach its next suspension, at least: a thread of a loaded machine (or one
     * in a JIT compilation or a GC pause) can go that long without running, and a run it abandons is lost.
     */
    private static final long MIN_GRACE_MILLIS = 1_000;
    private static final long MAX_GRACE_MILLIS = 5_000;

    /** The method of one run. */
    @FunctionalInterface
    interface Body {
        Object call() throws Throwable;
    }

    private SimulationThread() {
    }

    /**
     * Runs {@code body} and finishes {@code sims}; returns what failed (the method's throwable, a greenlet
     * failure, a leak), or null.
     *
     * @throws SimulationException if the thread did not finish within the limit and its grace period
     */
    static Throwable run(long seed, long limitMillis, List<Simulation> sims, Body body) throws InterruptedException {
        if (limitMillis <= 0) {
            throw new IllegalArgumentException("wallClockLimitMillis must be positive: " + limitMillis);
        }
        Throwable[] result = {null};   // written by the thread, read after join
        Thread t = new Thread(() -> result[0] = runAndFinish(body, sims), "greenhouse-simulation");
        t.setDaemon(true);
        t.start();
        t.join(limitMillis);
        if (t.isAlive()) {
            String running = running(sims);
            for (Simulation s : sims) {
                s.runner().abort("the wall-clock limit of " + limitMillis + " ms passed (@SimulationTest(wallClockLimitMillis)); "
                        + "the greenlet that ran last was " + running);
            }
            t.interrupt();
            t.join(Math.min(Math.max(limitMillis / 4, MIN_GRACE_MILLIS), MAX_GRACE_MILLIS));
            if (t.isAlive()) {
                throw runaway(seed, limitMillis, t, running(sims));
            }
        }
        return result[0];
    }

    private static Throwable runAndFinish(Body body, List<Simulation> sims) {
        Throwable failure = null;
        try {
            body.call();
        } catch (Throwable e) {
            failure = e;
        }
        for (Simulation s : sims) {
            try {
                List<String> live = s.runner().finish();
                if (failure == null && !live.isEmpty()) {
                    failure = new SimulationException(s.seed(), s.trace(), "leak: " + live.size()
                            + (live.size() == 1 ? " greenlet is" : " greenlets are")
                            + " still alive at the end of the test (join, end or crash them): " + String.join(", ", live),
                            null);
                }
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    private static String running(List<Simulation> sims) {
        for (Simulation s : sims) {
            String r = s.runner().runningGreenlet();
            if (r != null) {
                return r;
            }
        }
        return "none (the test's own code)";
    }

    private static SimulationException runaway(long seed, long limitMillis, Thread t, String running) {
        Throwable where = new Throwable("stack of " + t.getName() + ", abandoned");
        where.setStackTrace(t.getStackTrace());
        return new SimulationException(seed, null, "wall-clock limit: the run is still going after " + limitMillis
                + " ms of real time and did not stop at a suspension: greenlet " + running + " holds the thread "
                + "without suspending (a CPU loop or a blocking call) and cannot be preempted; its thread ("
                + t.getName() + ") is abandoned, the trace is not written. Raise @SimulationTest(wallClockLimitMillis) "
                + "if the run is just slow", where);
    }
}
