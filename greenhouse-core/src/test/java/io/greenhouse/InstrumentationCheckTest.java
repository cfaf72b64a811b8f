package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.Suspendable;

/**
 * Suspending through an uninstrumented method fails loudly, naming the method (tests run in verify mode). Quasar
 * only: the JDK backend needs no instrumentation (NoInstrumentationTest).
 */
@Tag("quasar")
class InstrumentationCheckTest extends HubTestBase {

    /** Not suspendable: it neither declares SuspendExecution nor carries @Suspendable. */
    static void notSuspendable(List<Throwable> errors) {
        try {
            Scheduler.pause();
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void suspendingThroughAnUninstrumentedMethodNamesIt() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> notSuspendable(errors));
        g.join();
        assertEquals(1, errors.size());
        Throwable e = errors.get(0);
        assertTrue(e instanceof NotInstrumentedException, e.toString());
        assertTrue(e.getMessage().contains("InstrumentationCheckTest.notSuspendable"), e.getMessage());
        assertTrue(e.getMessage().contains("throws SuspendExecution"), e.getMessage());
    }

    /** Suspends; {@code @Suspendable} instead of {@code throws SuspendExecution}, so that a lambda can call it. */
    @Suspendable
    static void pauseQuietly() {
        try {
            Scheduler.pause();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void suspendingInsideAJdkCallbackSaysTheJdkMethodCannotBeInstrumentedAndToUseAPlainLoop() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            try {
                List.of(1, 2).forEach(x -> pauseQuietly());
            } catch (Throwable t) {
                errors.add(t);
            }
        });
        g.join();
        assertEquals(1, errors.size());
        Throwable e = errors.get(0);
        assertTrue(e instanceof NotInstrumentedException, e.toString());
        String m = e.getMessage();
        assertTrue(m.contains(".forEach("), m);   // Iterable.forEach, or the list class's own (JDK 25)
        assertTrue(m.contains("JDK method"), m);
        assertTrue(m.contains("cannot be instrumented"), m);
        assertTrue(m.contains("plain loop"), m);
        assertFalse(m.contains("annotate it"), "no advice to annotate a JDK method: " + m);
    }

    @Test
    void instrumentedCodeSuspendsNormally() throws Exception {
        List<String> l = new ArrayList<>();
        Greenlet g = Scheduler.schedule(() -> {
            l.add("before");
            Scheduler.pause();
            l.add("after");
        });
        g.join();
        assertEquals(List.of("before", "after"), l);
    }
}
