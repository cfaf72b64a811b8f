package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * finally blocks around suspension points run once, when the block is left, never when the greenlet
 * suspends (greenhouse-quasar patches a Quasar optimizer bug that skipped instrumenting such methods).
 */
class FinallyBlocksTest extends HubTestBase {
    @Test
    void finallyDoesNotRunWhenAGreenletSuspends() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                GreenLockSupport.park("x");
            } finally {
                l.add("finally");
            }
        });
        Scheduler.pause();
        assertEquals(List.of(), l);
        GreenLockSupport.unpark(g);
        g.join();
        assertEquals(List.of("finally"), l);
    }

    static void body(List<String> l) throws co.paralleluniverse.fibers.SuspendExecution {
        try {
            GreenLockSupport.park("x");
        } finally {
            l.add("finally");
        }
    }

    @Test
    void finallyInANamedMethodRunsOnce() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> body(l));
        Scheduler.pause();
        assertEquals(List.of(), l);
        GreenLockSupport.unpark(g);
        g.join();
        assertEquals(List.of("finally"), l);
    }

    static void body2(List<String> l) throws co.paralleluniverse.fibers.SuspendExecution {
        try {
            Scheduler.pause();
        } finally {
            l.add("finally");
        }
    }

    @Test
    void finallyAroundPauseRunsOnce() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> body2(l));
        Scheduler.pause();
        assertEquals(List.of(), l);
        g.join();
        assertEquals(List.of("finally"), l);
    }
}
