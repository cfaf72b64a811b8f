package io.greenhouse.util;

import static io.greenhouse.util.EventTest.TESTING_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.Greenlet;
import io.greenhouse.VirtualTimeTestBase;
import io.greenhouse.Scheduler;

/** {@link Channel}: rendezvous, order, timeouts and exception delivery (greenhouse has no channel). */
class ChannelTest extends VirtualTimeTestBase {
    @Test
    void sendBlocksUntilAReceiverTakesTheItem() throws Exception {
        Channel<String> ch = new Channel<>();
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            ch.send("a");
            l.add("sent");
        });
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of(), l);
        assertEquals("a", ch.receive());
        Scheduler.pause();
        assertEquals(List.of("sent"), l);
    }

    @Test
    void receiveBlocksUntilASenderOffers() throws Exception {
        Channel<Integer> ch = new Channel<>();
        List<Integer> l = new ArrayList<>();
        Scheduler.schedule(() -> l.add(ch.receive()));
        Scheduler.pause();
        assertEquals(List.of(), l);
        ch.send(7);
        assertEquals(List.of(7), l);
    }

    @Test
    void sendersAndReceiversAreServedInArrivalOrder() throws Exception {
        Channel<Integer> ch = new Channel<>();
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            Scheduler.schedule(() -> ch.send(n));
        }
        Scheduler.pause();
        for (int i = 0; i < 3; i++) {
            l.add("got " + ch.receive());
        }
        assertEquals(List.of("got 0", "got 1", "got 2"), l);
        assertEquals(0, ch.waiting());
        Scheduler.pause();   // the senders, released, return from send
    }

    @Test
    void timeoutsWithdrawTheOfferAndReturnNull() throws Exception {
        Channel<String> ch = new Channel<>();
        assertFalse(ch.send("lost", TESTING_TIMEOUT));
        assertNull(ch.receive(TESTING_TIMEOUT));
        assertEquals(0, ch.waiting());
        Greenlet sender = Scheduler.schedule(() -> ch.send("b"));
        assertEquals("b", ch.receive(java.time.Duration.ofSeconds(5)));
        sender.join();
    }

    @Test
    void exceptionIntoAWaitingSenderWithdrawsTheItem() throws Exception {
        Channel<String> ch = new Channel<>();
        List<Object> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                ch.send("x");
            } catch (IllegalArgumentException e) {
                l.add("failed");
            }
        });
        Scheduler.pause();
        Scheduler.scheduleException(new IllegalArgumentException(), g);
        Scheduler.pause();
        assertEquals(List.of("failed"), l);
        assertNull(ch.receive(0));
    }

    @Test
    void exceptionAfterTheItemWasTakenIsDeferredToTheNextBlockingCall() throws Exception {
        Channel<String> ch = new Channel<>();
        List<Object> l = new ArrayList<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Greenlet g = Scheduler.schedule(() -> {
            ch.send("x");
            l.add("send returned");
            try {
                Scheduler.pause();
            } catch (IllegalArgumentException e) {
                l.add(e);
            }
        });
        Scheduler.pause();
        assertEquals("x", ch.receive());                // takes it, wakes the sender
        Scheduler.scheduleException(boom, g);           // before the sender runs
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("send returned", boom), l);
        assertNull(ch.receive(0), "delivered once, never twice");
    }

    @Test
    void exceptionIntoAWokenReceiverPassesTheOfferOn() throws Exception {
        Channel<String> ch = new Channel<>();
        List<Object> l = new ArrayList<>();
        Greenlet first = Scheduler.schedule(() -> {
            try {
                l.add(ch.receive());
            } catch (IllegalArgumentException e) {
                l.add("first failed");
            }
        });
        Scheduler.schedule(() -> l.add(ch.receive()));
        Scheduler.pause();
        Scheduler.schedule(() -> ch.send("x"));     // wakes first
        Scheduler.pause();
        Scheduler.scheduleException(new IllegalArgumentException(), first);
        Scheduler.pause();
        Scheduler.pause();
        assertEquals(List.of("first failed", "x"), l);
        assertEquals(0, ch.waiting());
        Scheduler.pause();   // the sender, released, returns from send
    }

    @Test
    void endOfABlockedReceiverTakesNothing() throws Exception {
        Channel<String> ch = new Channel<>();
        Greenlet g = Scheduler.schedule(() -> ch.receive());
        Scheduler.pause();
        Scheduler.end(g);
        Scheduler.pause();
        assertTrue(g.isDead());
        assertEquals(0, ch.waiting());
        assertFalse(ch.send("y", 0.01));
    }

    @Test
    @Timeout(10)
    void misuse() throws Exception {
        Channel<String> ch = new Channel<>();
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(IllegalArgumentException.class, () -> ch.receive(Double.NaN));
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                ch.receive(0);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        other.start();
        other.join();
        assertSame(IllegalStateException.class, thrown[0].getClass());
    }
}
