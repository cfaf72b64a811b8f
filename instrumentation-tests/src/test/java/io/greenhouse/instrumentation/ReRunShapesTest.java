package io.greenhouse.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * Methods whose only suspendable call comes after code with an effect: each must do that effect once and see,
 * after the call, what the call left. Quasar may leave such a method uninstrumented, so that on resume it runs
 * again from its first instruction; that is right only if nothing before the call is changed by running it
 * twice. Each shape here once broke that way (an allocation or an array write re-run) or pins a shape Quasar
 * always instrumented (a field write, a loop).
 *
 * <p>The suspendable call is {@link #fill}: it suspends once and then writes into the array it was given, from
 * an instrumented frame that kept that array across the suspension, as a socket read does.
 */
@Timeout(30)
class ReRunShapesTest {
    private static final byte VALUE = 42;

    private int writes;   // the field the instance shapes write before their call

    @AfterEach
    void closeHub() {
        Hub.current().close();
    }

    /** Suspends once, then stores {@link #VALUE} in {@code b[0]} and returns 1. */
    static int fill(byte[] b) throws SuspendExecution {
        Objects.requireNonNull(b, "b");   // a call before the suspension: this frame is always instrumented
        Scheduler.pause();
        b[0] = VALUE;
        return 1;
    }

    private static <T> T inGreenlet(GreenCallable<T> body) throws Exception {
        Object[] result = new Object[1];
        Hub.run(() -> result[0] = body.call());
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** A suspendable function of no arguments. */
    @FunctionalInterface
    interface GreenCallable<T> {
        T call() throws Exception, SuspendExecution;
    }

    // ---- the shapes: each method's only suspendable call is fill() ----------------------------------------

    static byte afterAllocation() throws SuspendExecution {
        byte[] b = new byte[1];
        fill(b);
        return b[0];
    }

    byte afterAllocationInInstanceMethod() throws SuspendExecution {
        byte[] b = new byte[1];
        fill(b);
        return b[0];
    }

    static int afterCounterIncrement(int[] counter, byte[] b) throws SuspendExecution {
        counter[0]++;
        return fill(b);
    }

    int afterFieldWrite(byte[] b) throws SuspendExecution {
        writes++;
        return fill(b);
    }

    static int resultReturnedDirectly() throws SuspendExecution {
        byte[] b = new byte[1];
        return fill(b) == -1 ? -1 : b[0] & 0xFF;
    }

    static int inLoop(int[] counter) throws SuspendExecution {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            byte[] b = new byte[1];
            counter[0]++;
            fill(b);
            sum += b[0];
        }
        return sum;
    }

    static byte inTryFinally(int[] finallies) throws SuspendExecution {
        byte[] b = new byte[1];
        try {
            fill(b);
        } finally {
            finallies[0]++;
        }
        return b[0];
    }

    /** A default method whose only suspendable call follows an allocation. */
    interface OneByteSource {
        default byte readOne() throws SuspendExecution {
            byte[] b = new byte[1];
            fill(b);
            return b[0];
        }
    }

    // ---- the tests ---------------------------------------------------------------------------------------

    @Test
    void staticMethodSeesTheArrayItAllocatedBeforeTheCall() throws Exception {
        assertEquals(VALUE, (byte) inGreenlet(ReRunShapesTest::afterAllocation));
    }

    @Test
    void instanceMethodSeesTheArrayItAllocatedBeforeTheCall() throws Exception {
        assertEquals(VALUE, (byte) inGreenlet(this::afterAllocationInInstanceMethod));
    }

    @Test
    void counterIncrementedBeforeTheCallIsIncrementedOnce() throws Exception {
        int[] counter = new int[1];
        byte[] b = new byte[1];
        assertEquals(1, (int) inGreenlet(() -> afterCounterIncrement(counter, b)));
        assertEquals(1, counter[0]);
        assertEquals(VALUE, b[0]);
    }

    @Test
    void fieldWrittenBeforeTheCallIsWrittenOnce() throws Exception {
        byte[] b = new byte[1];
        assertEquals(1, (int) inGreenlet(() -> afterFieldWrite(b)));
        assertEquals(1, writes);
        assertEquals(VALUE, b[0]);
    }

    @Test
    void resultReturnedDirectlyReadsTheFilledArray() throws Exception {
        assertEquals(VALUE, (int) inGreenlet(ReRunShapesTest::resultReturnedDirectly));
    }

    @Test
    void loopBodyRunsOncePerTurnAndSeesEachFill() throws Exception {
        int[] counter = new int[1];
        assertEquals(3 * VALUE, (int) inGreenlet(() -> inLoop(counter)));
        assertEquals(3, counter[0]);
    }

    @Test
    void finallyRunsOnceAndTheTryBlockSeesItsArray() throws Exception {
        int[] finallies = new int[1];
        assertEquals(VALUE, (byte) inGreenlet(() -> inTryFinally(finallies)));
        assertEquals(1, finallies[0]);
    }

    @Test
    void lambdaBodySeesTheArrayItAllocatedBeforeTheCall() throws Exception {
        byte[][] seen = new byte[1][];
        GreenRunnable body = () -> {
            byte[] b = new byte[1];
            fill(b);
            seen[0] = b;
        };
        Hub.run(body);
        assertArrayEquals(new byte[] {VALUE}, seen[0]);
    }

    @Test
    void defaultMethodSeesTheArrayItAllocatedBeforeTheCall() throws Exception {
        OneByteSource source = new OneByteSource() {
        };
        assertEquals(VALUE, (byte) inGreenlet(source::readOne));
    }
}
