package io.greenhouse.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * What one suspendable frame between a greenlet's body and its suspension costs per switch: a ring of
 * {@value #MEMBERS} greenlets that each pause through {@code depth} instrumented frames (a recursive
 * suspendable method; {@code depth=0}: the loop pauses itself), in nanoseconds per switch. Quasar saves every
 * such frame when a greenlet suspends and restores it when it resumes, so the cost per frame is
 * {@code (t(depth) - t(1)) / (depth - 1)}; it is why the park call sites do the hub's bookkeeping and the park
 * in one frame. Default depths 1 and 20 ({@code -p depth=0,10} for others).
 *
 * <p>On the JDK backend ({@code backend=jdk}, JDK 21+) frames are not saved one by one: a switch copies the
 * stack in bulk and restores the frames lazily, as the greenlet returns into them. So its cost depends on the
 * shape: {@code shape=resident} (each greenlet descends once and pauses in a loop at the bottom: the frames stay
 * between the body and every pause) is flat in the depth; {@code shape=rewalk} (each switch descends and
 * returns through all of them again) pays for restoring every frame it returns through. On Quasar both shapes
 * cost the same: every switch unwinds and rewinds every frame.
 *
 * <p>Each invocation is {@value #ROUNDS} rounds of the ring driven by the main greenlet; the main greenlet's own
 * switch (no fiber frames) is one in {@code MEMBERS + 1}.
 */
public class SuspendableFrameBenchmark extends GreenhouseBenchmark {
    static final int MEMBERS = 100;
    static final int ROUNDS = 10_000;

    /**
     * Suspendable frames between the loop of each greenlet and its pause ({@code 0}: the loop calls
     * {@code pause} itself).
     */
    @Param({"1", "20"})
    public int depth;

    /** The continuation backend. */
    @Param({"quasar", "jdk"})
    public String backend;

    /** {@code rewalk}: every switch descends through the frames and returns; {@code resident}: they stay. */
    @Param({"rewalk", "resident"})
    public String shape;

    private Hub hub;                 // benchmark thread only
    private volatile boolean stop;   // written by the benchmark thread, read by the greenlets (same thread)

    @Override
    protected String backend() {
        return backend;
    }

    @Setup(Level.Trial)
    public void startRing() throws SuspendExecution {
        hub = hubWithRequestedPoller();
        stop = false;
        int d = depth;
        GreenRunnable spin;
        if (shape.equals("resident")) {
            spin = () -> pauseAtTheBottom(d);
        } else {
            spin = () -> {
                while (!stop) {
                    if (d == 0) {
                        Scheduler.pause();
                    } else {
                        descend(d);
                    }
                }
            };
        }
        for (int i = 0; i < MEMBERS; i++) {
            Scheduler.schedule(spin);
        }
        Scheduler.pause();   // every greenlet starts and pauses once
    }

    /** Pauses from {@code n} (at least 1) suspendable frames down. */
    static void descend(int n) throws SuspendExecution {
        if (n == 1) {
            Scheduler.pause();
        } else {
            descend(n - 1);
        }
    }

    /** Loops on {@code pause} from {@code n} suspendable frames down until the ring stops. */
    void pauseAtTheBottom(int n) throws SuspendExecution {
        if (n <= 1) {
            while (!stop) {
                Scheduler.pause();
            }
        } else {
            pauseAtTheBottom(n - 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS * (MEMBERS + 1))
    public void switchThroughFrames() throws SuspendExecution {
        for (int r = 0; r < ROUNDS; r++) {
            Scheduler.pause();
        }
    }

    @TearDown(Level.Trial)
    public void stopRing() throws SuspendExecution {
        stop = true;
        Scheduler.pause();
        if (!hub.isClosed()) {
            hub.close();
        }
    }
}
