package io.greenhouse.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags that every run of greenlet code needs, and their form on a command line that surefire's
 * {@code argLine} and exec's {@code commandlineArgs} split into words.
 */
final class JvmFlags {
    /** Lets Netty's native transport load without JDK 24+'s restricted-method warning; accepted from JDK 17 on. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final String RESOURCE = "jvm-flags.properties";

    private JvmFlags() {
    }

    /**
     * The flags, in order: {@code -javaagent:} (when {@code agent} is not null), the {@code --add-opens} of the parent pom's {@code greenhouse.opens},
     * and {@link #NATIVE_ACCESS} when asked for.
     *
     * @param agent the agent jar, or {@code null} for none (classes instrumented at build time only)
     * @param nativeAccess whether to add {@link #NATIVE_ACCESS}
     * @return the flags, one word each
     */
    static List<String> of(Path agent, boolean nativeAccess) {
        List<String> flags = new ArrayList<>();
        if (agent != null) {
            flags.add("-javaagent:" + agent.toAbsolutePath());
        }
        flags.addAll(opens());
        if (nativeAccess) {
            flags.add(NATIVE_ACCESS);
        }
        return flags;
    }

    /**
     * The {@code --add-opens} flags, as words ({@code --add-opens}, {@code java.base/java.lang=ALL-UNNAMED}, ...).
     *
     * @return the words of the opens
     */
    static List<String> opens() {
        Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin jar: rebuild the plugin");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the plugin jar", e);
        }
        String opens = properties.getProperty("opens", "").trim();
        if (!opens.startsWith("--add-opens")) {
            throw new IllegalStateException(RESOURCE + " has no --add-opens flags (opens=" + opens
                    + "): the plugin was built without the parent pom's greenhouse.opens");
        }
        return Arrays.asList(opens.split("\\s+"));
    }

    /**
     * Joins flags with spaces into one command line; a flag that contains whitespace (an agent path under a
     * directory with a space in its name) is put in double quotes, which surefire and exec remove again.
     *
     * @param flags the words
     * @return the command line
     */
    static String commandLine(List<String> flags) {
        StringBuilder line = new StringBuilder();
        for (String flag : flags) {
            if (line.length() > 0) {
                line.append(' ');
            }
            boolean quote = flag.chars().anyMatch(Character::isWhitespace);
            line.append(quote ? "\"" + flag + "\"" : flag);
        }
        return line.toString();
    }
}
