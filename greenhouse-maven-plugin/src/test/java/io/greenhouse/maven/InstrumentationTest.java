package io.greenhouse.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the instrumentation over copies of the classes in {@code io.greenhouse.maven.fixtures}. The fixtures are
 * named, never loaded: loading one would let this JVM's agent instrument (or refuse) it first.
 */
class InstrumentationTest {
    private static final String INSTRUMENTED = "Lco/paralleluniverse/fibers/Instrumented;";
    private static final String FIXTURES = "io.greenhouse.maven.fixtures.";

    @TempDir
    Path classes;

    private final RecordingLog log = new RecordingLog();

    @Test
    void instrumentsASuspendableClassOnceAndLeavesItAloneAfterwards() throws Exception {
        Path file = copy("Pauser");

        assertEquals(1, Instrumentation.instrument(classes, classPath(), log));
        assertTrue(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(INSTRUMENTED),
                "Pauser.class carries @Instrumented");
        assertEquals(0, Instrumentation.instrument(classes, classPath(), log), "a second run rewrites nothing");
        assertEquals(List.of(), log.warnings);
    }

    @Test
    void failsOnASuspendingSynchronizedBlockNamingClassMethodReasonAndFix() throws Exception {
        String message = failureFor("MonitorHolder");

        assertContains(message, "1 method that can suspend cannot be instrumented in " + classes);
        assertContains(message, FIXTURES + "MonitorHolder.pauseLocked()V (MonitorHolder.java:");
        assertContains(message, "use io.greenhouse.util.Lock instead of synchronized");
    }

    @Test
    void failsOnASuspendingSynchronizedMethodNamingClassMethodReasonAndFix() throws Exception {
        String message = failureFor("SynchronizedPauser");

        assertContains(message, FIXTURES + "SynchronizedPauser.pause()V (SynchronizedPauser.java:");
        assertContains(message, "use io.greenhouse.util.Lock instead of synchronized");
    }

    @Test
    void failsOnASynchronizedMethodBesideAnInstrumentableOne() throws Exception {
        assertContains(failureFor("MixedPauser"), FIXTURES + "MixedPauser.pauseLocked()V (MixedPauser.java:");
    }

    @Test
    void failsOnABlockingCallNamingTheCallAndTheGreenAlternative() throws Exception {
        String message = failureFor("Sleeper");

        assertContains(message, "cannot be instrumented: blocking call to java/lang/Thread#sleep(J)V");
        assertContains(message, "use Scheduler.pauseFor instead of Thread.sleep");
    }

    @Test
    void failsOnCatchingSuspendExecution() throws Exception {
        String message = failureFor("Catcher");

        assertContains(message, FIXTURES + "Catcher.pauseOrGiveUp()Z (Catcher.java:");
        assertContains(message, "not SuspendExecution");
    }

    @Test
    void listsEveryRefusedMethodInOneFailure() throws Exception {
        String message = failureFor("MonitorHolder", "Sleeper");

        assertContains(message, "2 methods that can suspend cannot be instrumented");
        assertContains(message, "MonitorHolder.pauseLocked()V");
        assertContains(message, "Sleeper.nap()V");
    }

    /** Copies the fixtures, instruments them, and returns the build failure's message. */
    private String failureFor(String... fixtures) throws IOException {
        for (String fixture : fixtures) {
            copy(fixture);
        }
        return assertThrows(MojoFailureException.class,
                () -> Instrumentation.instrument(classes, classPath(), log)).getMessage();
    }

    private Path copy(String fixture) throws IOException {
        String name = (FIXTURES + fixture).replace('.', '/') + ".class";
        Path target = classes.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** The test JVM's class path: greenhouse-core and greenhouse-quasar, which the fixtures use. */
    private static List<String> classPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }

    /** Keeps the warnings; everything else goes to the console as usual. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    }
}
