package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Suspending through an uninstrumented method fails loudly, naming the method (tests run in verify mode). */
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
