package io.greenhouse.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import co.paralleluniverse.fibers.Instrumented;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * Suspendable calls inside a constructor's arguments, and string concatenation (compiled to
 * {@code invokedynamic}, this module is built without {@code -XDstringConcat=inline}) next to suspendable
 * calls. Quasar once broke every such method (and logged "Expected to find a NewValue" for every constructor
 * call in an instrumented method), and took the concatenation for a suspendable call.
 */
@Timeout(30)
class ConstructorArgumentsTest {
    @AfterEach
    void closeHub() {
        Hub.current().close();
    }

    /** Suspends once, then returns {@code value}. */
    static int next(int value) throws SuspendExecution {
        Scheduler.pause();
        return value;
    }

    static long nextLong(long value) throws SuspendExecution {
        Scheduler.pause();
        return value;
    }

    /** A value built from constructor arguments of one and two slots. */
    static final class Item {
        final String text;

        Item(int value) {
            this.text = Integer.toString(value);
        }

        Item(String prefix, long wide, Item inner, double half) {
            this.text = prefix + wide + "/" + inner.text + "/" + half;
        }
    }

    static Item onlyCallInArguments() throws SuspendExecution {
        return new Item(next(7));
    }

    static String callsInNestedArguments(List<Item> out) throws SuspendExecution {
        out.add(new Item(next(1)));
        out.add(new Item("p", nextLong(1L << 40), new Item(next(2)), 0.5));
        return "items " + out.size() + ": " + out.get(0).text + ", " + out.get(1).text;
    }

    static void throwConcatenated(int y) throws SuspendExecution {
        Scheduler.pause();
        throw new IllegalStateException("x" + y);
    }

    static IllegalStateException concatenationWithACallInside() throws SuspendExecution {
        return new IllegalStateException("got " + next(5) + " after " + next(6));
    }

    @Test
    void aConstructorGetsTheValueOfTheOnlySuspendableCallInItsArguments() throws Exception {
        Item[] item = new Item[1];
        Hub.run(() -> item[0] = onlyCallInArguments());
        assertEquals("7", item[0].text);
    }

    @Test
    void constructorsGetNestedAndWideArgumentsAcrossSuspensions() throws Exception {
        List<Item> items = new ArrayList<>();
        String[] summary = new String[1];
        Hub.run(() -> summary[0] = callsInNestedArguments(items));
        assertEquals("items 2: 1, p1099511627776/2/0.5", summary[0]);
    }

    @Test
    void aGreenletThrowsAConcatenatedMessage() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Hub.run(() -> throwConcatenated(42)));
        assertEquals("x42", thrown.getMessage());
    }

    @Test
    @Tag("quasar")
    void concatenationIsNotTakenForASuspendableCall() throws Exception {
        Instrumented instrumented = ConstructorArgumentsTest.class
                .getDeclaredMethod("throwConcatenated", int.class).getAnnotation(Instrumented.class);
        // Scheduler.pause() is inlined by the instrumentation: its Fiber.yield and the other backends' park remain.
        assertArrayEquals(new String[] {"co/paralleluniverse/fibers/Fiber.yield()V",
                "io/greenhouse/internal/ContinuationBackend.park()V"}, instrumented.suspendableCallSiteNames());
    }

    @Test
    void concatenationAroundSuspendableCallsInsideAConstructorCall() throws Exception {
        IllegalStateException[] made = new IllegalStateException[1];
        Hub.run(() -> made[0] = concatenationWithACallInside());
        assertEquals("got 5 after 6", made[0].getMessage());
    }

    @Test
    void concatenationInALambdaBodyThatSuspends() throws Exception {
        String[] seen = new String[1];
        int base = 40;
        Hub.run(() -> {
            int got = next(2);
            seen[0] = "sum=" + (base + got) + ", pauses=" + got;
        });
        assertEquals("sum=42, pauses=2", seen[0]);
    }
}
