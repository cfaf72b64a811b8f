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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** Each sample Quasar refuses: the place and cause the build's failure names, and the start of the fix. */
    static Stream<Arguments> refusedSamples() {
        return Stream.of(
                Arguments.of(HoldsAMonitor.class, "HoldsAMonitor.update()V (HoldsAMonitor.java:12) cannot be "
                        + "instrumented: synchronization", "use io.greenhouse.util.Lock"),
                Arguments.of(SynchronizedMethod.class, "SynchronizedMethod.locked()V (SynchronizedMethod.java:9) "
                        + "cannot be instrumented: synchronization", "use io.greenhouse.util.Lock"),
                Arguments.of(Sleeps.class, "Sleeps.nap()V (Sleeps.java:10) cannot be instrumented: blocking call to "
                        + "java/lang/Thread#sleep(J)V", "use Scheduler.pauseFor"),
                Arguments.of(SuspendingConstructor.class, "SuspendingConstructor.<init>()V "
                        + "(SuspendingConstructor.java:8) cannot be instrumented: special method",
                        "call the suspendable code before `new`"));
    }

    @ParameterizedTest
    @MethodSource("refusedSamples")
    void aRefusedMethodFailsTheBuildWithItsLineTheCauseAndTheFix(Class<?> sample, String where, String fix)
            throws Exception {
        copy(sample);
        String message = assertThrows(IllegalStateException.class, this::instrument).getMessage();
        assertTrue(message.contains("io.greenhouse.quasar.samples." + where), message);
        assertTrue(message.contains(fix), message);
    }

    @Test
    void nothingToInstrumentIsNoError() throws Exception {
        assertEquals(0, instrument());
    }
}
