package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ContextKey}: values inherited by the greenlets a greenlet creates, transitively. */
class ContextKeyTest extends VirtualTimeTestBase {
    static final ContextKey<String> REQUEST = new ContextKey<>("request");
    static final ContextKey<Integer> TENANT = new ContextKey<>("tenant");

    @Test
    void aGreenletInheritsTheContextOfTheGreenletThatCreatedItTransitively() throws Exception {
        List<String> seen = new ArrayList<>();
        Greenlet parent = Scheduler.schedule(() -> {
            REQUEST.set("r-1");
            Scheduler.schedule(() -> {
                seen.add("child " + REQUEST.get());
                Scheduler.schedule(() -> seen.add("grandchild " + REQUEST.get())).join();
            }).join();
        });
        parent.join();
        assertEquals(List.of("child r-1", "grandchild r-1"), seen);
    }

    @Test
    void setAffectsGreenletsCreatedAfterItOnly() throws Exception {
        REQUEST.set("before");
        Greenlet early = Scheduler.greenlet(() -> { });
        REQUEST.set("after");
        Greenlet late = Scheduler.greenlet(() -> { });
        assertEquals("before", REQUEST.get(early));
        assertEquals("after", REQUEST.get(late));
        assertEquals("after", REQUEST.get());
    }

    @Test
    void keysAreIndependentAndNullRemovesAValue() throws Exception {
        REQUEST.set("r");
        TENANT.set(7);
        Greenlet g = Scheduler.greenlet(() -> { });
        assertEquals("r", REQUEST.get(g));
        assertEquals(7, TENANT.get(g));
        REQUEST.set(g, null);
        assertNull(REQUEST.get(g));
        assertEquals(7, TENANT.get(g));
        assertEquals("r", REQUEST.get(), "the creator keeps its own value");
    }

    @Test
    void aValueSetOnAGreenletBeforeItRunsIsWhatItAndItsChildrenSee() throws Exception {
        List<String> seen = new ArrayList<>();
        Greenlet g = Scheduler.greenlet(() -> {
            seen.add(REQUEST.get());
            Scheduler.schedule(() -> seen.add(REQUEST.get())).join();
        });
        REQUEST.set(g, "host-a");
        Scheduler.schedule(g).join();
        assertEquals(List.of("host-a", "host-a"), seen);
        assertNull(REQUEST.get(), "the main greenlet's context is untouched");
    }

    @Test
    void recurringRunsAndTimedSchedulesInheritTheSchedulersContext() throws Exception {
        List<String> seen = new ArrayList<>();
        REQUEST.set("timer");
        Recurring r = Scheduler.scheduleRecurring(0.01, () -> seen.add(REQUEST.get()), 2, 0);
        Scheduler.scheduleIn(0.005, () -> seen.add("in " + REQUEST.get()));
        REQUEST.set(null);
        Scheduler.pauseFor(0.05);
        assertEquals(List.of("in timer", "timer", "timer"), seen);
        assertEquals(2, r.runs());
    }

    @Test
    @Timeout(10)
    void workHandedOverFromAnotherThreadStartsWithAnEmptyContext() throws Exception {
        Hub hub = Hub.current();
        REQUEST.set("main's");
        String[] seen = {"unset"};
        Greenlet main = Scheduler.mainGreenlet();
        Thread other = new Thread(() -> hub.execute(() -> {
            seen[0] = String.valueOf(REQUEST.get());
            GreenLockSupport.unpark(main);
        }));
        hub.keepAlive(true);
        other.start();
        while (seen[0].equals("unset")) {
            GreenLockSupport.park("the other thread's task");
        }
        hub.keepAlive(false);
        other.join();
        assertEquals("null", seen[0]);
    }

    @Test
    void deadlockReportsShowEachWaitingGreenletsContext() throws Exception {
        Greenlet g = Scheduler.greenlet(() -> GreenLockSupport.park("nothing ever"));
        REQUEST.set(g, "host-b");
        Scheduler.schedule(g);
        DeadlockException e = assertThrows(DeadlockException.class, g::join);
        assertTrue(e.getMessage().contains(g.name() + " [request=host-b] waits on nothing ever"), e.getMessage());
        endAndJoin(g);
    }

    @Test
    @Timeout(10)
    void anotherHubsGreenletIsRefused() throws Exception {
        Greenlet foreign = greenletOfAnotherHub();
        assertThrows(IllegalStateException.class, () -> REQUEST.get(foreign));
        assertThrows(NullPointerException.class, () -> REQUEST.get(null));
    }
}
