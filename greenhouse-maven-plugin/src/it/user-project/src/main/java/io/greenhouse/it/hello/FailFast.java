package io.greenhouse.it.hello;

import io.greenhouse.Scheduler;

/**
 * A greenlet fails while main waits. Run with -Dio.greenhouse.failFast=true, the failure ends main's pause and
 * the program, which exits non-zero; without it the failure would only be logged.
 */
public class FailFast {
    public static void main(String[] args) throws Exception {
        Scheduler.schedule(() -> {
            throw new IllegalStateException("a greenlet failed");
        });
        Scheduler.pauseFor(60);
        System.out.println("the pause outlived the failed greenlet");
    }
}
