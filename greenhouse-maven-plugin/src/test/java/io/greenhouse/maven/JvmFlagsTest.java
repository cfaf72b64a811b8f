package io.greenhouse.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;

class JvmFlagsTest {
    private static final List<String> OPENS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED");

    @Test
    void opensAreTheOneThatQuasarNeeds() {
        assertEquals(OPENS, JvmFlags.opens());
    }

    @Test
    void flagsAreAgentThenOpensThenNativeAccess() {
        Path agent = Paths.get("/repo/greenhouse-quasar.jar");

        List<String> flags = JvmFlags.of(agent, true);

        assertEquals("-javaagent:" + agent.toAbsolutePath(), flags.get(0));
        assertEquals(OPENS, flags.subList(1, 1 + OPENS.size()));
        assertEquals(List.of(JvmFlags.NATIVE_ACCESS), flags.subList(1 + OPENS.size(), flags.size()));
    }

    @Test
    void flagsWithoutAgentOrNativeAccessAreTheOpensAlone() {
        assertEquals(OPENS, JvmFlags.of(null, false));
    }

    @Test
    void commandLineQuotesOnlyTheWordsThatHoldWhitespace() {
        assertEquals("\"-javaagent:/my repo/q.jar\" --add-opens java.base/java.lang=ALL-UNNAMED",
                JvmFlags.commandLine(List.of("-javaagent:/my repo/q.jar", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED")));
    }
}
