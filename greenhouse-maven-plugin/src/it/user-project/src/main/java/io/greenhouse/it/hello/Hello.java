package io.greenhouse.it.hello;

import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/** The Greenhouse README's first program; its last two lines let the test see how the JVM ends. */
public class Hello {
    public static void main(String[] args) throws Exception {
        Greenlet worker = Scheduler.schedule(() -> {
            for (int i = 0; i < 3; i++) {
                System.out.println("working " + i);
                Scheduler.pauseFor(0.01);          // suspends this greenlet, not the thread
            }
        });
        Scheduler.schedule(() -> System.out.println("I run while the worker sleeps"));
        worker.join();                             // from main, this runs the hub's loop
        System.out.println("threads that hold the JVM at exit: " + nonDaemonThreads());
        System.out.println("main returns at " + LocalTime.now());
    }

    /** Live non-daemon threads of this program's thread group (exec:java gives it its own), but this one. */
    private static List<String> nonDaemonThreads() {
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != self && t.getThreadGroup() == self.getThreadGroup())
                .filter(t -> !t.isDaemon() && t.isAlive())
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }
}
