package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/** Global and local switch hooks. */
class HooksTest extends VirtualTimeTestBase {

    @Test
    void globalHooksRunBeforeLocalIncomingHooks() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.greenlet(() -> l.add("body"));
        LocalHook in = Scheduler.localIncomingHook((d, coro) -> l.add("local in"), g);
        SwitchHook global = Scheduler.globalHook((from, to) -> l.add("global " + (to == g ? "g" : "main")));
        LocalHook out = Scheduler.localOutgoingHook((d, coro) -> l.add("local out"), g);
        Scheduler.schedule(g);
        Scheduler.pause();
        assertEquals(List.of("global g", "local in", "body", "local out", "global main"), l);
        Scheduler.removeGlobalHook(global);
        Scheduler.removeLocalIncomingHook(in, g);
        Scheduler.removeLocalOutgoingHook(out, g);
    }

    @Test
    void aTurnCallsTheGlobalHookThenTheIncomingHookThenTheOutgoingHook() throws Exception {
        SwitchHook global = mock(SwitchHook.class);
        LocalHook in = mock(LocalHook.class);
        LocalHook out = mock(LocalHook.class);
        Greenlet g = Scheduler.greenlet(() -> { });
        Scheduler.localIncomingHook(in, g);
        Scheduler.localOutgoingHook(out, g);
        Scheduler.globalHook(global);
        Greenlet main = Scheduler.mainGreenlet();
        Scheduler.schedule(g);
        Scheduler.pause();
        InOrder order = inOrder(global, in, out);
        order.verify(global).onSwitch(main, g);
        order.verify(in).onSwitch(LocalHook.INCOMING, g);
        order.verify(out).onSwitch(LocalHook.OUTGOING, g);
        order.verify(global).onSwitch(g, main);
        verifyNoMoreInteractions(global, in, out);
    }

    @Test
    void mainGreenletTurnsFireItsOwnLocalHooks() throws Exception {
        List<String> l = new ArrayList<>();
        LocalHook in = Scheduler.localIncomingHook((d, g) -> l.add("in"));
        LocalHook out = Scheduler.localOutgoingHook((d, g) -> l.add("out"));
        Scheduler.schedule(() -> l.add("other"));
        Scheduler.pause();
        assertEquals(List.of("out", "other", "in"), l);
        assertTrue(Scheduler.removeLocalIncomingHook(in));
        assertTrue(Scheduler.removeLocalOutgoingHook(out));
        assertFalse(Scheduler.removeLocalOutgoingHook(out));
    }

    @Test
    void outgoingHookRegisteredDuringATurnRunsAtTheEndOfThatTurn() throws Exception {
        List<String> l = new ArrayList<>();
        LocalHook[] keep = {null};
        Scheduler.schedule(() -> {
            keep[0] = Scheduler.localOutgoingHook((d, g) -> l.add("out"));
            l.add("body");
        });
        Scheduler.pause();
        assertEquals(List.of("body", "out"), l);
    }

    @Test
    void firstSwitchOfAHubComesFromTheMainGreenlet() throws Exception {
        List<Greenlet> froms = new ArrayList<>();
        SwitchHook h = Scheduler.globalHook((from, to) -> froms.add(from));
        Scheduler.schedule(() -> { });
        Scheduler.pause();
        assertEquals(Scheduler.mainGreenlet(), froms.get(0));
        Scheduler.removeGlobalHook(h);
    }

    @Test
    void hookThatThrowsIsDroppedAndTheLoopGoesOn() throws Exception {
        expectDroppedCallbacks();
        int[] calls = {0};
        SwitchHook bad = Scheduler.globalHook((from, to) -> {
            calls[0]++;
            throw new IllegalStateException("bad hook");
        });
        boolean[] ran = {false};
        Scheduler.schedule(() -> ran[0] = true);
        Scheduler.pause();
        assertTrue(ran[0]);
        assertEquals(1, calls[0]);
        assertFalse(Scheduler.removeGlobalHook(bad));
    }

    @Test
    void blockingFromAHookIsRefused() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        SwitchHook h = Scheduler.globalHook((from, to) -> {
            try {
                Scheduler.pause();
            } catch (Throwable e) {
                errors.add(e);
            }
        });
        Scheduler.schedule(() -> { });
        Scheduler.pause();
        Scheduler.removeGlobalHook(h);
        assertTrue(errors.size() >= 1);
        assertTrue(errors.get(0) instanceof IllegalStateException, errors.get(0).toString());
    }

    @Test
    void hooksAreHeldWeakly() throws Exception {
        int[] calls = {0};
        registerUnreferencedHook(calls);
        ExceptionDeliveryTest.awaitCollection();
        Scheduler.schedule(() -> { });
        Scheduler.pause();
        assertEquals(0, calls[0]);
    }

    private static void registerUnreferencedHook(int[] calls) {
        Scheduler.globalHook((from, to) -> calls[0]++);
    }

    @Test
    @Timeout(10)
    void localHooksOfAnotherHubsGreenletAreRefused() throws Exception {
        Greenlet foreign = greenletOfAnotherHub();
        assertThrows(IllegalStateException.class, () -> Scheduler.localIncomingHook((d, g) -> { }, foreign));
    }
}
