package io.greenhouse.maven;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import io.greenhouse.quasar.AotInstrumenter;

/**
 * Runs greenhouse-quasar's {@link AotInstrumenter} over one classes directory for a goal, and turns what
 * Quasar reports into Maven's terms: warnings into the build log, a suspendable method that cannot be
 * instrumented into a build failure that names the class, the method and its line, why, and how to
 * rewrite it.
 */
final class Instrumentation {
    private Instrumentation() {
    }

    /**
     * Instruments the classes under {@code dir} in place.
     *
     * @param dir the classes directory; it must exist
     * @param classPath the class path those classes are compiled against, {@code dir} among them
     * @param log the goal's log
     * @return how many class files were rewritten
     * @throws MojoFailureException if a class, or a method that can suspend, cannot be instrumented
     * @throws MojoExecutionException if a class file cannot be read or written
     */
    static int instrument(Path dir, List<String> classPath, Log log)
            throws MojoFailureException, MojoExecutionException {
        List<String> failures = new ArrayList<>();
        int changed;
        try {
            changed = AotInstrumenter.instrument(dir, urls(dir, classPath), new AotInstrumenter.Listener() {
                @Override
                public void cannotInstrument(String className, String method, String reason, String message) {
                    failures.add(message);
                }

                @Override
                public void warning(String className, String message) {
                    log.warn("Quasar, instrumenting " + className.replace('/', '.') + ": " + message);
                }
            });
        } catch (IllegalStateException e) {
            String message = e.getMessage() + " (see the Greenhouse README, Requirements, for the instrumentation"
                    + " limits)";
            throw new MojoFailureException(failures.isEmpty() ? message
                    : failureMessage(dir, failures) + System.lineSeparator() + message, e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read or write the class files in " + dir + ": " + e, e);
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException(failureMessage(dir, failures));
        }
        return changed;
    }

    /** The build failure's text for the methods that could not be instrumented. */
    static String failureMessage(Path dir, List<String> failures) {
        StringBuilder message = new StringBuilder();
        message.append(failures.size() == 1 ? "1 method that can suspend" : failures.size() + " methods that can suspend")
                .append(" cannot be instrumented in ").append(dir)
                .append(" (a greenlet that suspends through one would fail):");
        for (String failure : failures) {
            message.append(System.lineSeparator()).append("  ").append(failure);
        }
        return message.toString();
    }

    private static List<URL> urls(Path dir, List<String> classPath) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(dir));
        for (String entry : classPath) {
            Path path = Paths.get(entry);
            if (!path.toAbsolutePath().equals(dir.toAbsolutePath())) {
                urls.add(url(path));
            }
        }
        return urls;
    }

    private static URL url(Path path) throws MojoExecutionException {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new MojoExecutionException("class path entry " + path + " is not a valid URL: " + e, e);
        }
    }
}
