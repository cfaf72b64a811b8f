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

import co.paralleluniverse.fibers.instrument.Log;
import co.paralleluniverse.fibers.instrument.LogLevel;
import co.paralleluniverse.fibers.instrument.QuasarInstrumentor;
import co.paralleluniverse.fibers.instrument.UnableToInstrumentException;
import io.greenhouse.quasar.internal.InstrumentationRefusal;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

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
 * Exit status 1 and a message when a class cannot be instrumented, or when one of its suspendable methods
 * cannot be (Quasar would leave it as it is): the message names the method and its line, the cause and the
 * rewrite that fixes it. Quasar's other warnings are printed and do not fail the build.
 */
public final class AotInstrumenter {
    private static final String INSTRUMENTED = "Lco/paralleluniverse/fibers/Instrumented;";

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
            List<String[]> refused = new ArrayList<>();   // of the class being instrumented: method, descriptor, reason
            instrumentor.setLog(new Log() {
                @Override
                public void log(LogLevel level, String message, Object... args) {
                    if (message.startsWith("UnableToInstrumentException")) {
                        refused.add(new String[] {(String) args[1], (String) args[2],
                                InstrumentationRefusal.reason(String.valueOf(args[3]))});
                    } else if (level == LogLevel.WARNING) {
                        System.out.println("[greenhouse-quasar] warning: " + String.format(message, args));
                    }
                }

                @Override
                public void error(String message, Throwable failure) {
                    // the instrumentor rethrows the failure itself; the catch below reports it
                }
            });
            for (Path file : classes) {
                String name = dir.relativize(file).toString().replace(File.separatorChar, '/');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("module-info") || name.endsWith("package-info")
                        || !instrumentor.shouldInstrument(name)) {
                    continue;
                }
                byte[] in = Files.readAllBytes(file);
                if (isInstrumented(in)) {
                    continue;
                }
                byte[] out;
                refused.clear();
                try {
                    out = instrumentor.instrumentClass(loader, name, in);
                } catch (UnableToInstrumentException e) {   // a refusal of the whole class (a synchronized method)
                    throw new IllegalStateException(InstrumentationRefusal.describe(in, e.getMethodName(),
                            e.getMethodDesc(), e.getReason()), e);
                } catch (RuntimeException | IOException e) {
                    // A refused method can also break the class (Quasar writes it back half rewritten): say why.
                    throw new IllegalStateException(refused.isEmpty() ? "cannot instrument " + name + ": " + e
                            : describe(in, refused), e);
                }
                if (!refused.isEmpty()) {
                    throw new IllegalStateException(describe(in, refused));
                }
                if (out != null && !Arrays.equals(in, out)) {
                    Files.write(file, out);
                    changed++;
                }
            }
        }
        return changed;
    }

    private static String describe(byte[] classFile, List<String[]> refused) {
        return refused.stream()
                .map(r -> InstrumentationRefusal.describe(classFile, r[0], r[1], r[2]))
                .collect(Collectors.joining("\n"));
    }

    /** Whether the class carries Quasar's {@code @Instrumented} mark (instrumented by this tool or the agent). */
    private static boolean isInstrumented(byte[] classFile) {
        boolean[] marked = new boolean[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                marked[0] |= descriptor.equals(INSTRUMENTED);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return marked[0];
    }

    private static URL toUrl(String entry) {
        try {
            return Paths.get(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad class path entry: " + entry, e);
        }
    }
}
