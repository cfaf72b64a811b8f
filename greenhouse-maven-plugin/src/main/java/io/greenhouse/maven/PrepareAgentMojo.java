package io.greenhouse.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Puts the JVM flags that greenlet code needs into project properties ({@code greenhouse:prepare-agent},
 * bound to {@code initialize}), for surefire and for {@code exec:exec}.
 *
 * <p>The flags are {@code -javaagent:} greenhouse-quasar's jar (unless {@link #useAgent} is false), the
 * {@code --add-opens} that Quasar's fiber glue needs, and {@code --enable-native-access=ALL-UNNAMED} (unless
 * {@link #nativeAccess} is false). Three properties are set:
 * <ul>
 *   <li>{@value #JVM_ARGS_PROPERTY}: the flags, for exec:
 *       {@code <commandlineArgs>${greenhouse.jvmArgs} -classpath %classpath com.example.Main</commandlineArgs>};</li>
 *   <li>{@value #AGENT_PROPERTY}: the agent jar's path (when the agent is used);</li>
 *   <li>{@link #propertyName} ({@code argLine} by default), which surefire and failsafe read when their
 *       {@code argLine} is not configured: the flags, followed by the property's earlier value, if any. A
 *       project that configures surefire's {@code argLine} itself writes {@code @{argLine}} into it.</li>
 * </ul>
 * {@code exec:java} runs in Maven's own JVM, which no goal can give flags to: put the {@code --add-opens}
 * flags in {@code .mvn/jvm.config} for it (Greenhouse README, Maven plugin).
 *
 * <p>The agent instruments at class-loading time whatever build-time instrumentation did not reach (for
 * example suspendable code in other libraries); with everything instrumented by {@code greenhouse:instrument}
 * and {@code greenhouse:instrument-tests}, {@code useAgent=false} is enough.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {
    /** The property set to the agent jar's path. */
    public static final String AGENT_PROPERTY = "greenhouse.agent";
    /** The property set to all the flags, for exec's command line. */
    public static final String JVM_ARGS_PROPERTY = "greenhouse.jvmArgs";
    private static final String AGENT_ARTIFACT = "io.greenhouse:greenhouse-quasar";

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** This plugin's dependencies by {@code groupId:artifactId}: the agent is its greenhouse-quasar. */
    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    /** The property that surefire's (and failsafe's) {@code argLine} comes from. */
    @Parameter(property = "greenhouse.propertyName", defaultValue = "argLine", required = true)
    String propertyName;

    /** Whether the flags include {@code -javaagent:}; false when everything is instrumented at build time. */
    @Parameter(property = "greenhouse.useAgent", defaultValue = "true")
    boolean useAgent;

    /**
     * Whether the flags include {@code --enable-native-access=ALL-UNNAMED}: JDK 24 and later warn without it
     * when greenhouse-io's Netty transport loads its native library; JDK 17 to 23 accept it silently.
     */
    @Parameter(property = "greenhouse.nativeAccess", defaultValue = "true")
    boolean nativeAccess;

    /**
     * Skips the goal. {@value #JVM_ARGS_PROPERTY} is then set to an empty string (if it is not set), so
     * that the exec command line still parses; the run then fails with greenhouse's message that names the
     * missing flags.
     */
    @Parameter(property = "greenhouse.agent.skip", defaultValue = "false")
    boolean skip;

    /** Creates the goal; Maven sets its parameters. */
    public PrepareAgentMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException {
        Properties properties = project.getProperties();
        if (skip) {
            getLog().info("Skipping the JVM flags (greenhouse.agent.skip)");
            properties.putIfAbsent(JVM_ARGS_PROPERTY, "");
            return;
        }
        Path agent = useAgent ? agentJar() : null;
        String flags = JvmFlags.commandLine(JvmFlags.of(agent, nativeAccess));
        if (agent != null) {
            properties.setProperty(AGENT_PROPERTY, agent.toString());
        }
        properties.setProperty(JVM_ARGS_PROPERTY, flags);
        String argLine = prepend(flags, properties.getProperty(propertyName));
        properties.setProperty(propertyName, argLine);
        getLog().info(propertyName + " set to " + argLine);
    }

    /**
     * The flags followed by an earlier value of the property; the earlier value alone if it already starts
     * with the flags (the goal ran twice).
     */
    static String prepend(String flags, String earlier) {
        if (earlier == null || earlier.isBlank()) {
            return flags;
        }
        if (earlier.startsWith(flags)) {
            return earlier;
        }
        return flags + " " + earlier;
    }

    private Path agentJar() throws MojoExecutionException {
        Artifact artifact = pluginArtifactMap.get(AGENT_ARTIFACT);
        File file = artifact == null ? null : artifact.getFile();
        if (file == null) {
            throw new MojoExecutionException(AGENT_ARTIFACT + " is not resolved among the plugin's dependencies "
                    + List.copyOf(pluginArtifactMap.keySet()) + ": the plugin installation is broken; reinstall"
                    + " greenhouse-maven-plugin, or set useAgent to false to run on build-time instrumentation only");
        }
        return file.toPath().toAbsolutePath();
    }
}
