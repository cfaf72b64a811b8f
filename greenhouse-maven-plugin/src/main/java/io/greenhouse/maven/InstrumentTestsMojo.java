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
 * Instruments the project's test classes for Quasar at build time ({@code greenhouse:instrument-tests},
 * bound to {@code process-test-classes}): greenlet bodies written in tests, and test helpers that suspend.
 *
 * <p>Works as {@code greenhouse:instrument} does (same failures, same warnings), over
 * {@link #testClassesDirectory} with the test class path. Skipped with the same
 * {@code greenhouse.instrument.skip}; with {@code -Dmaven.test.skip=true} there is nothing to instrument.
 */
@Mojo(name = "instrument-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class InstrumentTestsMojo extends AbstractInstrumentMojo {
    /** The test classes to instrument. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    File testClassesDirectory;

    /** Creates the goal; Maven sets its parameters. */
    public InstrumentTestsMojo() {
    }

    @Override
    Path classesDirectory() {
        return testClassesDirectory.toPath();
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }
}
