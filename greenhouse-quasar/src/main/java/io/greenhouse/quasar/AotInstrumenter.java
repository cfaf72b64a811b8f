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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import co.paralleluniverse.fibers.instrument.QuasarInstrumentor;

/**
 * Build-time (ahead-of-time) instrumentation of suspendable code: the alternative to running the JVM with
 * {@code -javaagent:greenhouse-quasar.jar}.
 *
 * <p>Rewrites, in place, every class file under a directory whose methods can suspend (they declare
 * {@code throws SuspendExecution} or carry {@code @Suspendable}), with Quasar's instrumentor. Classes that
 * are already instrumented are left alone, so running it twice, or running instrumented classes under the
 * agent, is harmless. Bind it to {@code process-classes} (see the Greenhouse README, Requirements):
 * <pre>
 * java -cp greenhouse-quasar.jar io.greenhouse.quasar.AotInstrumenter \
 *      target/classes  [compile class path, separated by the platform path separator]
 * </pre>
 * Exit status 1 and a message when a class cannot be instrumented.
 */
public final class AotInstrumenter {
    private AotInstrumenter() {
    }

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

    /** Instruments the classes under {@code dir} in place; returns how many changed. */
    public static int instrument(Path dir, List<URL> classPath) throws IOException {
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(dir)) {
            classes = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
        int changed = 0;
        try (URLClassLoader loader = new URLClassLoader(classPath.toArray(new URL[0]),
                AotInstrumenter.class.getClassLoader())) {
            QuasarInstrumentor instrumentor = new QuasarInstrumentor(true);
            for (Path file : classes) {
                String name = dir.relativize(file).toString().replace(File.separatorChar, '/');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("module-info") || name.endsWith("package-info")
                        || !instrumentor.shouldInstrument(name)) {
                    continue;
                }
                byte[] in = Files.readAllBytes(file);
                byte[] out;
                try {
                    out = instrumentor.instrumentClass(loader, name, in);
                } catch (RuntimeException | IOException e) {
                    throw new IllegalStateException("cannot instrument " + name + ": " + e, e);
                }
                if (out != null && !Arrays.equals(in, out)) {
                    Files.write(file, out);
                    changed++;
                }
            }
        }
        return changed;
    }

    private static URL toUrl(String entry) {
        try {
            return Paths.get(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad class path entry: " + entry, e);
        }
    }
}
