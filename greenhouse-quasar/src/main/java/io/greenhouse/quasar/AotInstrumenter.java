package io.greenhouse.quasar;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import co.paralleluniverse.fibers.instrument.Log;
import co.paralleluniverse.fibers.instrument.LogLevel;
import co.paralleluniverse.fibers.instrument.QuasarInstrumentor;
import co.paralleluniverse.fibers.instrument.UnableToInstrumentException;
import io.greenhouse.quasar.internal.InstrumentationRefusal;

/**
 * Build-time (ahead-of-time) instrumentation of suspendable code: the alternative to running the JVM with
 * {@code -javaagent:greenhouse-quasar.jar}.
 *
 * <p>Rewrites, in place, every class file under a directory whose methods can suspend (they declare
 * {@code throws SuspendExecution} or carry {@code @Suspendable}), with Quasar's instrumentor. Classes that
 * are already instrumented are left alone, so running it twice, or running instrumented classes under the
 * agent, is harmless. Bind it to {@code process-classes} with the greenhouse-maven-plugin's {@code instrument}
 * goal (see the Greenhouse README), or run it by hand:
 * <pre>
 * java -cp greenhouse-quasar.jar io.greenhouse.quasar.AotInstrumenter \
 *      target/classes  [compile class path, separated by the platform path separator]
 * </pre>
 * Exit status 1 and a message when a class cannot be instrumented, or when one of its suspendable methods
 * cannot be (Quasar would leave it as it is, and it would run again from the top every time it resumes):
 * the message names the method and its line, the cause and the rewrite that fixes it. Quasar's other
 * warnings are printed and do not fail the build.
 */
public final class AotInstrumenter {
    /**
     * Receives what Quasar's instrumentor reports while {@link #instrument(Path, List, Listener)} rewrites
     * classes. Called on the instrumenting thread.
     */
    public interface Listener {
        /**
         * A method that can suspend could not be instrumented; its class was left as it was, so a greenlet
         * that suspends through it would fail.
         *
         * @param className the class, in internal form ({@code com/example/Worker})
         * @param method the method's name and descriptor ({@code run()V})
         * @param reason Quasar's reason: {@code synchronization}, {@code blocking call to
         *        java/lang/Thread#sleep(J)V}, {@code catch for SuspendExecution}, {@code special method}, ...
         * @param message the whole report for a user: class, method, source line, the cause and the rewrite
         *        that fixes it
         */
        void cannotInstrument(String className, String method, String reason, String message);

        /**
         * Any other warning of the instrumentor.
         *
         * @param className the class being rewritten, in internal form
         * @param message the instrumentor's message
         */
        void warning(String className, String message);
    }

    private AotInstrumenter() {
    }

    /**
     * Instruments a classes directory, as the class comment shows.
     *
     * @param args the classes directory, and optionally the class path its classes are compiled against
     * @throws IOException if a class file cannot be read or written
     * @throws IllegalStateException if a class, or a method that can suspend, cannot be instrumented
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: AotInstrumenter <classes dir> [<class path>]");
        }
        Path dir = Paths.get(args[0]);
        if (!Files.isDirectory(dir)) {
            System.out.println("[greenhouse-quasar] nothing to instrument: " + dir + " does not exist");
            return;
        }
        List<URL> urls = new ArrayList<>();
        urls.add(dir.toUri().toURL());
        if (args.length == 2) {
            for (String entry : args[1].split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(toUrl(entry));
                }
            }
        }
        int changed = instrument(dir, urls);
        System.out.println("[greenhouse-quasar] instrumented " + changed + " classes in " + dir);
    }

    /**
     * Instruments the classes under {@code dir} in place, printing Quasar's warnings; returns how many changed.
     *
     * @param dir the classes directory
     * @param classPath where the classes that {@code dir}'s classes use are found ({@code dir} among them)
     * @return the number of class files rewritten
     * @throws IOException if a class file cannot be read or written
     * @throws IllegalStateException if a class, or a method that can suspend, cannot be instrumented; the
     *         message has one line per refused method
     */
    public static int instrument(Path dir, List<URL> classPath) throws IOException {
        List<String> refused = new ArrayList<>();
        int changed = instrument(dir, classPath, new Listener() {
            @Override
            public void cannotInstrument(String className, String method, String reason, String message) {
                refused.add(message);
            }

            @Override
            public void warning(String className, String message) {
                System.out.println("[greenhouse-quasar] warning: " + message);
            }
        });
        if (!refused.isEmpty()) {
            throw new IllegalStateException(String.join("\n", refused));
        }
        return changed;
    }

    /**
     * Instruments the classes under {@code dir} in place and tells {@code listener} what the instrumentor
     * reports; returns how many changed. A class with a method that can suspend but that Quasar refuses is
     * reported through {@link Listener#cannotInstrument}, left as it was, and the run goes on with the next
     * class.
     *
     * @param dir the classes directory
     * @param classPath where the classes that {@code dir}'s classes use are found ({@code dir} among them)
     * @param listener receives the instrumentor's reports
     * @return the number of class files rewritten
     * @throws IOException if a class file cannot be read or written
     * @throws IllegalStateException if Quasar fails on a class for another reason; the message names it
     */
    public static int instrument(Path dir, List<URL> classPath, Listener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(dir)) {
            classes = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
        int changed = 0;
        try (URLClassLoader loader = new URLClassLoader(classPath.toArray(new URL[0]),
                AotInstrumenter.class.getClassLoader())) {
            QuasarInstrumentor instrumentor = new QuasarInstrumentor(true);
            ReportingLog log = new ReportingLog(listener);
            instrumentor.setLog(log);
            for (Path file : classes) {
                String name = dir.relativize(file).toString().replace(File.separatorChar, '/');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("module-info") || name.endsWith("package-info")
                        || !instrumentor.shouldInstrument(name)) {
                    continue;
                }
                byte[] in = Files.readAllBytes(file);
                ClassScan scan = ClassScan.of(in);
                if (scan.instrumented) {
                    continue;
                }
                log.startClass(name, in);
                byte[] out;
                try {
                    out = instrumentor.instrumentClass(loader, name, in);
                } catch (UnableToInstrumentException e) {   // a refusal of the whole class (a synchronized method)
                    String method = e.getMethodName() + e.getMethodDesc();
                    listener.cannotInstrument(name, method, e.getReason(),
                            InstrumentationRefusal.describe(in, e.getMethodName(), e.getMethodDesc(), e.getReason()));
                    continue;
                } catch (RuntimeException | IOException e) {
                    if (log.refusedAMethod()) {
                        continue; // Quasar failed on writing out the method it refused; that is reported
                    }
                    throw new IllegalStateException("cannot instrument " + name + ": " + e, e);
                }
                if (log.refusedAMethod()) {
                    continue;     // reported; the class stays as it was
                }
                if (out == null) {
                    reportUnrewritten(name, in, scan, listener);
                } else if (!Arrays.equals(in, out)) {
                    Files.write(file, out);
                    changed++;
                }
            }
        }
        return changed;
    }

    /**
     * Quasar answers null when it failed on a class it believed had nothing to instrument, and logs that
     * only at debug level: every method that declares it can suspend is reported.
     */
    private static void reportUnrewritten(String className, byte[] classFile, ClassScan scan, Listener listener) {
        for (String method : scan.suspendableMethods) {
            String reason = scan.synchronizedSuspendableMethods.contains(method)
                    ? "synchronization" : "Quasar could not rewrite the class";
            int paren = method.indexOf('(');
            listener.cannotInstrument(className, method, reason, InstrumentationRefusal.describe(classFile,
                    method.substring(0, paren), method.substring(paren), reason));
        }
    }

    /**
     * Quasar's log, turned into {@link Listener} calls. Quasar reports a method it cannot instrument only
     * as a warning (and writes the method unchanged); this class recognises that message by its format.
     */
    private static final class ReportingLog implements Log {
        /** Quasar's format for a suspendable method it gave up on; arguments: class, name, descriptor, message. */
        private static final String CANNOT_INSTRUMENT =
                "UnableToInstrumentException encountered when instrumenting %s#%s%s: %s";

        private final Listener listener;
        private String className; // instrumenting thread only; the class being rewritten
        private byte[] classFile; // instrumenting thread only; its bytes, for source lines
        private boolean refused;  // instrumenting thread only; a method of className was refused

        ReportingLog(Listener listener) {
            this.listener = listener;
        }

        void startClass(String name, byte[] bytes) {
            className = name;
            classFile = bytes;
            refused = false;
        }

        boolean refusedAMethod() {
            return refused;
        }

        @Override
        public void log(LogLevel level, String msg, Object... args) {
            if (level != LogLevel.WARNING) {
                return;
            }
            if (CANNOT_INSTRUMENT.equals(msg) && args.length == 4) {
                String reason = InstrumentationRefusal.reason(String.valueOf(args[3]));
                String method = String.valueOf(args[1]);
                String descriptor = String.valueOf(args[2]);
                refused = true;
                listener.cannotInstrument(String.valueOf(args[0]), method + descriptor, reason,
                        InstrumentationRefusal.describe(classFile, method, descriptor, reason));
            } else {
                listener.warning(className, String.format(msg, args));
            }
        }

        @Override
        public void error(String msg, Throwable ex) {
            // Quasar calls this just before it rethrows ex, which instrument() reports with the class name.
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Paths.get(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad class path entry: " + entry, e);
        }
    }
}
