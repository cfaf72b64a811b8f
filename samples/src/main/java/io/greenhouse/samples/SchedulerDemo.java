package io.greenhouse.samples;

import java.util.ArrayList;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.ExceptionHandler;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Recurring;
import io.greenhouse.Scheduler;

/**
 * A tour of the scheduler: ten thousand greenlets on one thread, greenhouse's run order, timers, a
 * recurring job, scheduled exceptions and an exception handler.
 */
public final class SchedulerDemo {
    private SchedulerDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Greenhouse scheduler demo on JDK " + Runtime.version() + ", poller: "
                + Hub.current().pollerName());
        order();
        manyGreenlets(10_000);
        timersAndExceptions();
        Hub.current().close();
    }

    /** greenhouse's run order: a greenlet scheduled during a batch waits for the whole batch. */
    private static void order() throws SuspendExecution {
        List<String> steps = new ArrayList<>();
        Scheduler.schedule(() -> {
            steps.add("a1");
            Scheduler.schedule(() -> steps.add("c"));
            Scheduler.pause();
            steps.add("a2");
        });
        Scheduler.schedule(() -> steps.add("b"));
        Scheduler.pause();
        steps.add("main1");
        Scheduler.pause();
        steps.add("main2");
        System.out.println("1. run order:            " + steps);
    }

    /** Many greenlets, each sleeping a little, all on this one thread. */
    private static void manyGreenlets(int count) throws SuspendExecution {
        int[] done = {0};
        long start = System.nanoTime();
        List<Greenlet> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double delay = 0.001 * (i % 50);
            all.add(Scheduler.schedule(() -> {
                Scheduler.pauseFor(delay);
                Scheduler.pause();
                done[0]++;
            }));
        }
        for (Greenlet g : all) {
            g.join();
        }
        System.out.printf("2. %,d greenlets:      all %,d finished in %.1f ms, one thread (%s)%n", count, done[0],
                (System.nanoTime() - start) / 1e6, Thread.currentThread().getName());
    }

    /** A recurring job, a scheduled exception and a handler that sees a failure. */
    private static void timersAndExceptions() throws SuspendExecution {
        List<String> events = new ArrayList<>();
        double t0 = Scheduler.time();
        Recurring tick = Scheduler.scheduleRecurring(0.02,
                () -> events.add(String.format("tick@%.0fms", (Scheduler.time() - t0) * 1000)), 3, 0);
        Greenlet sleeper = Scheduler.schedule(() -> {
            try {
                Scheduler.pauseFor(10);
            } catch (IllegalStateException e) {
                events.add("sleeper woken by " + e.getMessage());
            }
        });
        ExceptionHandler handler = Scheduler.globalExceptionHandler(
                (g, e) -> events.add("handler saw " + g.name() + " die: " + e.getMessage()));
        Scheduler.schedule(() -> {
            throw new IllegalArgumentException("bad input");
        });
        Scheduler.pause();   // let the sleeper start: an exception given to an unstarted greenlet kills it at once
        Scheduler.scheduleExceptionIn(0.03, new IllegalStateException("a scheduled exception"), sleeper);
        Scheduler.pauseFor(0.1);
        System.out.println("3. timers and exceptions: " + events + " (recurring runs: " + tick.runs() + ")");
        Scheduler.removeGlobalExceptionHandler(handler);
    }
}
