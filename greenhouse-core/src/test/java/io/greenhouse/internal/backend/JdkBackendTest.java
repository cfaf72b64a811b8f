package io.greenhouse.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;
import io.greenhouse.SourceFileProgram;
import io.greenhouse.VirtualTimeTestBase;

/**
 * The JDK backend (run by the build's second test execution, -Dgreenhouse.backend=jdk on JDK 21+): selection,
 * and pinning. A greenlet that suspends where its continuation is pinned gets an IllegalStateException from the
 * suspending call, naming the reason and the frame; the hub takes back the park, so the greenlet runs on and
 * everything else keeps its order.
 */
@Tag("jdk")
@EnabledIfSystemProperty(named = "greenhouse.backend", matches = "jdk")
class JdkBackendTest extends VirtualTimeTestBase {

    @Test
    void theJdkBackendRunsGreenletsAndTheCallSitesCallItsPark() {
        assertEquals("jdk", Backends.SELECTED.name());
        assertFalse(ParkSites.QUASAR);
        assertNull(Backends.SELECTED.unavailabilityReason());
    }

    /** Pauses in its static initializer: the JVM runs class initializers under a native frame. */
    static final class PausesInItsInitializer {
        static final IllegalStateException REFUSED;

        static {
            IllegalStateException refused = null;
            try {
                Scheduler.pause();
            } catch (IllegalStateException e) {
                refused = e;
            } catch (SuspendExecution e) {
                throw new AssertionError(e);
            }
            REFUSED = refused;
        }
    }

    @Test
    void aPauseInAClassInitializerThrowsNamingTheInitializerAndTheGreenletRunsOnInOrder() throws Exception {
        List<String> steps = new ArrayList<>();
        Greenlet a = Scheduler.schedule(() -> {
            steps.add("a1");
            steps.add(PausesInItsInitializer.REFUSED == null ? "a: no error" : "a: refused");
            steps.add("a2");   // and it ends, still in its first turn
        });
        Greenlet b = Scheduler.schedule(() -> {
            steps.add("b1");
            Scheduler.pause();
            steps.add("b2");
        });
        a.join();
        assertTrue(a.isDead());
        b.join();
        assertEquals(List.of("a1", "a: refused", "a2", "b1", "b2"), steps);
        String m = PausesInItsInitializer.REFUSED.getMessage();
        assertTrue(m.contains("pinned (NATIVE)"), m);
        assertTrue(m.contains("class initializer"), m);
        assertTrue(m.contains("JdkBackendTest$PausesInItsInitializer.<clinit>"), m);
        assertTrue(m.contains("io.greenhouse.Scheduler.pause"), m);
        assertTrue(m.contains("move the suspending call out of the static initializer"), m);
    }

    /** Parks with a timeout in its static initializer. */
    static final class TimedParkInItsInitializer {
        static final IllegalStateException REFUSED;

        static {
            IllegalStateException refused = null;
            try {
                GreenLockSupport.parkFor("initializer", 1.0);
            } catch (IllegalStateException e) {
                refused = e;
            } catch (SuspendExecution e) {
                throw new AssertionError(e);
            }
            REFUSED = refused;
        }
    }

    @Test
    void aRefusedTimedParkLeavesNoTimerBehind() throws Exception {
        boolean[] passed = {false};
        Greenlet g = Scheduler.schedule(() -> {
            assertNotNull(TimedParkInItsInitializer.REFUSED);
            GreenLockSupport.park("untimed");   // only an unpark may end this one
            passed[0] = true;
        });
        Scheduler.pauseFor(5.0);   // virtual time: past the refused park's deadline
        assertFalse(passed[0], "the refused park's timer woke a later park");
        assertTrue(g.toString().contains("blocked"), g.toString());
        GreenLockSupport.unpark(g);
        g.join();
        assertTrue(passed[0]);
        String m = TimedParkInItsInitializer.REFUSED.getMessage();
        assertTrue(m.contains("JdkBackendTest$TimedParkInItsInitializer.<clinit>"), m);
    }

    static boolean hasTheForeignFunctionApi() {
        return Runtime.version().feature() >= 22;
    }

    /**
     * Through a real native frame: the C library's qsort calling back into a Java comparator that pauses, in
     * a program of its own (the foreign function API is final from JDK 22; this build compiles for 17).
     */
    @Test
    @Timeout(120)
    @EnabledIf("hasTheForeignFunctionApi")
    void aPauseInACallbackFromNativeCodeThrowsNamingTheCallbackAndItsCaller() throws Exception {
        SourceFileProgram.Run run = SourceFileProgram.run("/pinning/PausesUnderANativeFrame.java", List.of(
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
        assertEquals("", run.stderr);
        assertEquals(0, run.exitCode, run.stdout);
        List<String> lines = run.stdout.lines().collect(Collectors.toList());
        assertEquals(List.of("refused", "sorted 123", "tick 0", "sorter paused after qsort", "tick 1"),
                lines.subList(0, lines.size() - 1), "every pause under qsort refused, then turns as usual");
        String m = lines.get(lines.size() - 1);
        assertTrue(m.contains("pinned (NATIVE)"), m);
        assertTrue(m.contains("callback from native code: PausesUnderANativeFrame.compare("), m);
        assertTrue(m.contains("which PausesUnderANativeFrame.sortNatively("), m);
        assertTrue(m.contains("suspend after the native function returns"), m);
    }

    static boolean monitorsDoNotPin() {
        return Runtime.version().feature() >= 24;
    }

    static boolean monitorsPin() {
        return !monitorsDoNotPin();
    }

    private static synchronized void pauseHoldingTheClassMonitor(List<String> steps, String name)
            throws SuspendExecution {
        steps.add(name + " in");
        Scheduler.pause();
        steps.add(name + " out");
    }

    @Test
    @EnabledIf("monitorsDoNotPin")
    void onJdk24AndLaterAGreenletSuspendsInsideSynchronized() throws Exception {
        List<String> steps = new ArrayList<>();
        Object lock = new Object();
        Greenlet a = Scheduler.schedule(() -> {
            synchronized (lock) {
                steps.add("a in");
                Scheduler.pause();
                steps.add("a out");
            }
        });
        Greenlet b = Scheduler.schedule(() -> pauseHoldingTheClassMonitor(steps, "b"));
        a.join();
        b.join();
        assertEquals(List.of("a in", "b in", "a out", "b out"), steps);
    }

    @Test
    @EnabledIf("monitorsPin")
    void onJdk21To23APauseInsideSynchronizedThrowsNamingTheMethodAndTheFix() throws Exception {
        List<String> steps = new ArrayList<>();
        IllegalStateException[] refused = {null};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                pauseHoldingTheClassMonitor(steps, "g");
            } catch (IllegalStateException e) {
                refused[0] = e;
            }
        });
        g.join();
        assertEquals(List.of("g in"), steps);
        String m = refused[0].getMessage();
        assertTrue(m.contains("pinned (MONITOR)"), m);
        assertTrue(m.contains("synchronized io.greenhouse.internal.backend.JdkBackendTest.pauseHoldingTheClassMonitor"),
                m);
        assertTrue(m.contains("io.greenhouse.util.Lock"), m);
        assertTrue(m.contains("JDK 24"), m);
    }

    private static synchronized String explainMonitorHere() {
        return Pinning.explain("Pinned: MONITOR");
    }

    /** The monitor message's frame search, on any JDK: the explanation of a MONITOR pin made inside one. */
    @Test
    void theMonitorExplanationNamesTheSynchronizedMethodOnTheGreenletsStack() throws Exception {
        String[] m = {null};
        Scheduler.schedule(() -> m[0] = explainMonitorHere()).join();
        assertTrue(m[0].contains("it holds the monitor of synchronized "
                + "io.greenhouse.internal.backend.JdkBackendTest.explainMonitorHere"), m[0]);
        assertTrue(m[0].contains("JEP 491"), m[0]);
    }

    @Test
    void otherRefusalsSayWhatTheJdkSaid() throws Exception {
        String[] m = {null, null};
        Scheduler.schedule(() -> {
            m[0] = Pinning.explain("Pinned: CRITICAL_SECTION");
            m[1] = Pinning.explain("Not in scope greenhouse");
        }).join();
        assertTrue(m[0].contains("critical section of the JDK"), m[0]);
        assertTrue(m[1].contains("the JDK refused to suspend its continuation on " + Runtime.version()
                + " (Not in scope greenhouse)"), m[1]);
        assertTrue(m[1].matches("(?s).* Greenlet stack: \\S*JdkBackendTest\\.lambda\\$otherRefusalsSayWhatTheJdkSaid\\$\\d+"
                + "\\(JdkBackendTest\\.java:\\d+\\)"), "the body's frame ends the stack: " + m[1]);
        assertFalse(m[1].contains("Loop.runLoop"), "the stack is the greenlet's: " + m[1]);
    }
}
