package io.greenhouse.it.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

class HelloTest {
    private final List<String> steps = new ArrayList<>();

    @AfterEach
    void closeHub() {
        Hub.current().close();
    }

    @Test
    void greenletsTakeTurnsAtEveryPause() throws Exception {
        Greenlet a = Scheduler.schedule(() -> step("a"));
        Greenlet b = Scheduler.schedule(() -> step("b"));
        a.join();
        b.join();
        assertEquals(List.of("a0", "b0", "a1", "b1"), steps);
    }

    /** A suspendable helper in a test class: instrument-tests must reach it. */
    private void step(String name) throws SuspendExecution {
        for (int i = 0; i < 2; i++) {
            steps.add(name + i);
            Scheduler.pause();
        }
    }
}
