package io.greenhouse.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.greenhouse.quasar.samples.LoadsRefusedClasses;

/**
 * Under the agent, a method Quasar refuses to instrument is logged (System.Logger, not Quasar's own standard
 * error lines) with its line, the cause and the fix.
 */
@Timeout(60)
class AgentRefusalTest {
    @TempDir
    Path dir;

    @Test
    void theAgentLogsEachRefusedMethodWithItsLineAndFix() throws Exception {
        String agent = System.getProperty("greenhouse.quasar.jar");
        String samples = Paths.get(LoadsRefusedClasses.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent, "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", agent + File.pathSeparator + samples, LoadsRefusedClasses.class.getName()))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("io.greenhouse.quasar.samples.HoldsAMonitor.update()V (HoldsAMonitor.java:12) "
                + "cannot be instrumented: synchronization. A suspendable method cannot hold a monitor"), log);
        assertTrue(log.contains("io.greenhouse.quasar.samples.Sleeps.nap()V (Sleeps.java:10) cannot be "
                + "instrumented: blocking call to java/lang/Thread#sleep(J)V"), log);
        assertTrue(log.contains("io.greenhouse.quasar.samples.SuspendingConstructor.<init>()V "
                + "(SuspendingConstructor.java:8) cannot be instrumented: special method"), log);
        assertTrue(log.contains("io.greenhouse.quasar.samples.SynchronizedMethod.locked()V "
                + "(SynchronizedMethod.java:9) cannot be instrumented: synchronization"), log);
        assertFalse(log.contains("[quasar] WARNING"), log);
    }
}
