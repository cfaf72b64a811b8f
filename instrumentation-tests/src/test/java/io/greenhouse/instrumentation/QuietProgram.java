package io.greenhouse.instrumentation;

import java.util.List;
import java.util.stream.Collectors;

import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenSocket;

/**
 * A small greenlet program that {@link QuietRunTest} runs in a JVM of its own: greenlets, a pause, a socket
 * pair; then it prints the non-daemon threads still alive besides its own.
 */
public final class QuietProgram {
    private QuietProgram() {
    }

    public static void main(String[] args) throws Exception {
        Hub.run(() -> {
            GreenSocket[] pair = GreenSocket.pair();
            Greenlet echo = Scheduler.schedule(() -> pair[1].sendAll(pair[1].recv(16)));
            pair[0].sendAll(new byte[] {1, 2, 3});
            byte[] back = pair[0].recv(16);
            echo.join();
            pair[0].close();
            pair[1].close();
            System.out.println("echoed " + back.length + " bytes");
        });
        Hub.current().close();
        List<String> others = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t != Thread.currentThread())
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
        System.out.println("non-daemon threads: " + others);
    }
}
