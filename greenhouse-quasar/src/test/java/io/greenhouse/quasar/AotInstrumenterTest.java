package io.greenhouse.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.greenhouse.quasar.samples.HoldsAMonitor;
import io.greenhouse.quasar.samples.Sleeps;
import io.greenhouse.quasar.samples.Suspending;
import io.greenhouse.quasar.samples.SuspendingConstructor;
import io.greenhouse.quasar.samples.SynchronizedMethod;

/**
 * {@link AotInstrumenter} over class directories: suspendable classes are rewritten once; a suspendable method
 * Quasar refuses fails the build with a message that names the method, its line, the cause and the fix.
 */
class AotInstrumenterTest {
    @TempDir
    Path dir;

    /** Copies the compiled {@code type} into {@link #dir} and returns its copy. */
    private Path copy(Class<?> type) throws IOException {
        String file = type.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (var in = type.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, target);
        }
        return target;
    }

    /**
     * Runs {@code AotInstrumenter.instrument} of the jar this build made (the patched Quasar with ASM 9; the
     * test class path has Quasar as published) over {@link #dir}; returns how many classes changed.
     */
    private int instrument() throws Exception {
        Path jar = Paths.get(System.getProperty("greenhouse.quasar.jar"));
        try (URLClassLoader built = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method instrument = built.loadClass(AotInstrumenter.class.getName())
                    .getMethod("instrument", Path.class, List.class);
            return (Integer) instrument.invoke(null, dir, List.of(dir.toUri().toURL()));
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void rewritesASuspendableClassOnceAndLeavesItAloneAfter() throws Exception {
        Path file = copy(Suspending.class);
        byte[] before = Files.readAllBytes(file);
        assertEquals(1, instrument());
        byte[] after = Files.readAllBytes(file);
        assertFalse(Arrays.equals(before, after));
        assertEquals(0, instrument());
        assertTrue(Arrays.equals(after, Files.readAllBytes(file)));
    }

    /** Instruments {@code sample}, which Quasar refuses, and returns the failure's message. */
    private String refusal(Class<?> sample) throws Exception {
        copy(sample);
        return assertThrows(IllegalStateException.class, this::instrument).getMessage();
    }

    @Test
    void aMonitorInASuspendableMethodFailsWithTheLineAndTheFix() throws Exception {
        String message = refusal(HoldsAMonitor.class);
        assertTrue(message.contains("io.greenhouse.quasar.samples.HoldsAMonitor.update()V (HoldsAMonitor.java:12) "
                + "cannot be instrumented: synchronization"), message);
        assertTrue(message.contains("use io.greenhouse.util.Lock"), message);
    }

    @Test
    void aBlockingCallInASuspendableMethodFailsWithTheLineAndTheFix() throws Exception {
        String message = refusal(Sleeps.class);
        assertTrue(message.contains("io.greenhouse.quasar.samples.Sleeps.nap()V (Sleeps.java:10) cannot be "
                + "instrumented: blocking call to java/lang/Thread#sleep(J)V"), message);
        assertTrue(message.contains("use Scheduler.pauseFor"), message);
    }

    @Test
    void aSynchronizedSuspendableMethodFailsWithTheLineAndTheFix() throws Exception {
        String message = refusal(SynchronizedMethod.class);
        assertTrue(message.contains("io.greenhouse.quasar.samples.SynchronizedMethod.locked()V "
                + "(SynchronizedMethod.java:9) cannot be instrumented: synchronization"), message);
        assertTrue(message.contains("use io.greenhouse.util.Lock"), message);
    }

    @Test
    void aSuspendingConstructorFailsWithTheLineAndTheFix() throws Exception {
        String message = refusal(SuspendingConstructor.class);
        assertTrue(message.contains("io.greenhouse.quasar.samples.SuspendingConstructor.<init>()V "
                + "(SuspendingConstructor.java:8) cannot be instrumented: special method"), message);
        assertTrue(message.contains("call the suspendable code before `new`"), message);
    }

    @Test
    void nothingToInstrumentIsNoError() throws Exception {
        assertEquals(0, instrument());
    }
}
