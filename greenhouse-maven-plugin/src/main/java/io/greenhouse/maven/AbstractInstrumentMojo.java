package io.greenhouse.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the two instrumenting goals share: the skip switch, the check that there is something to
 * instrument, and the run itself. Subclasses say which directory and which class path.
 */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips the instrumenting goals (both {@code instrument} and {@code instrument-tests}). */
    @Parameter(property = "greenhouse.instrument.skip", defaultValue = "false")
    boolean skip;

    /**
     * The directory whose classes this goal instruments.
     *
     * @return the directory
     */
    abstract Path classesDirectory();

    /**
     * The class path the classes are compiled against, the directory among them.
     *
     * @return the class path elements
     * @throws DependencyResolutionRequiredException if Maven has not resolved the project's dependencies
     */
    abstract List<String> classPath() throws DependencyResolutionRequiredException;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping instrumentation (greenhouse.instrument.skip)");
            return;
        }
        Path dir = classesDirectory();
        if (!Files.isDirectory(dir)) {
            getLog().info("Nothing to instrument: " + dir + " does not exist");
            return;
        }
        List<String> classPath;
        try {
            classPath = classPath();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the dependencies of " + project.getId()
                    + " are not resolved, so " + dir + " cannot be instrumented: " + e.getMessage(), e);
        }
        int changed = Instrumentation.instrument(dir, classPath, getLog());
        getLog().info("Instrumented " + changed + (changed == 1 ? " class" : " classes") + " in " + dir);
    }
}
