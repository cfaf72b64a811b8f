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

import co.paralleluniverse.fibers.instrument.UnableToInstrumentException;
import io.greenhouse.quasar.AotInstrumenter;

/**
 * Runs greenhouse-quasar's {@link AotInstrumenter} over one classes directory for a goal, and turns what
 * Quasar reports into Maven's terms: warnings into the build log, a suspendable method that cannot be
 * instrumented into a build failure that names the class, the method, why, and how to rewrite it.
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
                public void cannotInstrument(String className, String method, String reason) {
                    failures.add(describe(className, method, reason));
                }

                @Override
                public void warning(String className, String message) {
                    log.warn("Quasar, instrumenting " + className.replace('/', '.') + ": " + message);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof UnableToInstrumentException) {
                // Quasar gave up on a whole class because of one method (a synchronized one that suspends).
                UnableToInstrumentException refused = (UnableToInstrumentException) e.getCause();
                failures.add(describe(refused.getClassName(), refused.getMethodName() + refused.getMethodDesc(),
                        refused.getReason()));
                throw new MojoFailureException(failureMessage(dir, failures), e);
            }
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

    /**
     * One line of the failure: class and method, Quasar's reason, and the rewrite that fixes it.
     *
     * @param className the class in internal form
     * @param method name and descriptor
     * @param reason Quasar's reason
     * @return {@code com.example.Worker.run()V: synchronization; fix: ...}
     */
    static String describe(String className, String method, String reason) {
        return className.replace('/', '.') + "." + method + ": " + reason.replace('/', '.') + "; " + fix(reason);
    }

    private static String fix(String reason) {
        if (reason.startsWith("synchronization")) {
            return "a greenlet cannot suspend while it holds a monitor: use io.greenhouse.util.Lock instead of"
                    + " synchronized, or move the suspending call out of the synchronized block or method";
        }
        if (reason.startsWith("blocking call to")) {
            return "it would block the hub's thread and every greenlet on it: use Scheduler.pauseFor instead of"
                    + " Thread.sleep, Greenlet.join instead of Thread.join, and io.greenhouse.util.Event or"
                    + " Condition instead of Object.wait";
        }
        if (reason.startsWith("catch for")) {
            return "Quasar unwinds a suspending greenlet by throwing SuspendExecution: do not catch it (or"
                    + " UndeclaredThrowableException) in a suspendable method, catch the exceptions you mean";
        }
        if (reason.startsWith("special method")) {
            return "constructors and static initializers cannot suspend: move the suspending call into an"
                    + " ordinary method";
        }
        return "see the Greenhouse README, Requirements, for the instrumentation limits";
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
