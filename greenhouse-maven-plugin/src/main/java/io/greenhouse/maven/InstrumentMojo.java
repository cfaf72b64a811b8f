package io.greenhouse.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Instruments the project's main classes for Quasar at build time ({@code greenhouse:instrument}, bound to
 * {@code process-classes}), so that greenlet code runs without the {@code -javaagent}.
 *
 * <p>Every class under {@link #classesDirectory} with a method that can suspend (it declares
 * {@code throws SuspendExecution} or carries {@code @Suspendable}) is rewritten in place; classes already
 * instrumented are left alone, so an incremental build, or running the classes under the agent too, is
 * harmless. The build fails when a method that can suspend cannot be instrumented (it holds a monitor,
 * calls {@code Thread.sleep}, catches {@code SuspendExecution}, ...): the message names the class, the method,
 * the reason and the rewrite that fixes it. Other remarks of Quasar's instrumentor are logged as warnings.
 *
 * <p>The JVM still needs the {@code --add-opens} flags at run time: see {@code greenhouse:prepare-agent}.
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class InstrumentMojo extends AbstractInstrumentMojo {
    /** The main classes to instrument. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File classesDirectory;

    /** Creates the goal; Maven sets its parameters. */
    public InstrumentMojo() {
    }

    @Override
    Path classesDirectory() {
        return classesDirectory.toPath();
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }
}
