package io.greenhouse.quasar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import io.greenhouse.quasar.internal.CurrentStrand;
import io.greenhouse.quasar.internal.InstrumentRules;
import io.greenhouse.quasar.internal.MapMakerStandIn;
import io.greenhouse.quasar.internal.NoFibers;
import io.greenhouse.quasar.internal.ParkSiteInliner;
import io.greenhouse.quasar.internal.QuasarLogging;
import io.greenhouse.quasar.internal.ThreadAccess;
import io.greenhouse.quasar.internal.ThreadFactoryBuilderStandIn;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step that patches Quasar 0.8.0's bytecode, inside the shaded greenhouse-quasar jar, so that it runs on
 * JDK 17-25, instruments correctly, and needs neither Guava nor Kryo.
 *
 * <p>Header note on patched third-party bytes: every class this tool rewrites is Quasar's own
 * ({@code co.paralleluniverse.*}, except the relocated ASM under {@code co.paralleluniverse.asm}); greenhouse-quasar's
 * own classes are all in {@code io.greenhouse.quasar}. Each patch below rewrites named instructions of named
 * methods, or replaces one method's body by a call to greenhouse-quasar's code; nothing else changes (the class
 * files are rewritten with {@code new ClassWriter(reader, 0)}, so the constant pool and the other methods'
 * bytes stay as they were). The jar lists what each patch changed, class by class, in {@value #REPORT}.
 * {@link #PATCHES} is the list; in short:
 * <ol>
 *   <li>{@code asm-api}: the ASM api level Quasar's visitors pass, {@code Opcodes.ASM7}, becomes {@code ASM9},
 *       which JDK 17+ class files (records, sealed classes) need.</li>
 *   <li>{@code lambda-marker}: {@code "$$Lambda$"}, by which Quasar recognizes lambda classes, becomes
 *       {@code "$$Lambda"} (JDK 21+ names them {@code Foo$$Lambda/0x...}).</li>
 *   <li>{@code forwarding-rule}: {@code InstrumentMethod.isForwardingToSuspendable}, which lets a method whose
 *       only suspendable call comes after "side-effect free" code stay uninstrumented (on resume it runs again
 *       from the top), asks {@link InstrumentRules#isForwardingToSuspendable}: Quasar counted array
 *       allocation and array reads and writes as free to re-run, so {@code byte[] b = new byte[16];
 *       in.read(b)} read into an array the method no longer held, and its finally-blind handler test ran a
 *       {@code finally} on every suspension.</li>
 *   <li>{@code jdk-bootstraps}: {@code invokedynamic} string concatenation (and records' and pattern switches'
 *       bootstraps) are not suspendable calls, as lambdas already were.</li>
 *   <li>{@code analyzer-dup}: the instrumenter's analyzer runs {@code DUP} as the ASM it was written for did
 *       ({@link InstrumentRules#executeDup}); under ASM 9 it lost track of {@code new X(...)}, which
 *       broke every method with a suspendable call inside a constructor's arguments and logged "Expected to
 *       find a NewValue" for every constructor call in an instrumented method.</li>
 *   <li>{@code object-methods}: {@code iface.getClass()}, and the other {@code java.lang.Object} methods called
 *       through an interface that does not declare them, are not suspendable calls (Quasar assumed they were,
 *       and warned).</li>
 *   <li>{@code refusals-reported}: a class Quasar refuses as a whole (a {@code synchronized} suspendable method)
 *       is reported and its failure rethrown, as other failures of suspendable classes are, instead of passing
 *       through uninstrumented without a word.</li>
 *   <li>{@code no-default-scheduler}: a fiber's result holder ({@code Val()}) and {@code Fiber.getName()} no
 *       longer start Quasar's default fork-join scheduler, whose JMX monitor held the JVM about 1.5 s at exit
 *       in a non-daemon {@code Timer-0} thread.</li>
 *   <li>{@code fiber-messages}: the {@code QUASAR WARNING} lines {@code Fiber} prints to standard error go to
 *       {@link QuasarLogging} ({@code System.Logger}); {@code agent-log}: so does the agent's instrumentation
 *       log.</li>
 *   <li>{@code verify-fails}: with {@code verifyInstrumentation}, an uninstrumented frame or call site fails the
 *       suspension with {@code VerifyInstrumentationException} instead of printing a warning and running
 *       on.</li>
 *   <li>{@code park-sites-inlined}: before Quasar instruments a class, {@link ParkSiteInliner} inlines
 *       greenhouse's untimed park sites ({@code Scheduler.pause()}, {@code GreenLockSupport.park(Object)}) into their
 *       callers, so that no separately compiled greenhouse frame lies between a caller and its {@code Fiber.yield}
 *       (each such boundary costs a trip through the VM's exception unwinding on every switch).</li>
 *   <li>{@code current-strand}: Quasar's {@code ThreadLocal<Strand> Strand.currentStrand}, read or written about
 *       seven times per fiber switch on a thread that is not a fork-join worker, becomes {@link CurrentStrand}'s
 *       per-thread slot with a cached last slot (no hash probe, and smaller compiled frames).</li>
 *   <li>{@code no-guava}: the two Guava builders Quasar's schedulers and strands use are replaced by
 *       {@link MapMakerStandIn} and {@link ThreadFactoryBuilderStandIn}; {@code no-kryo}:
 *       {@code Fiber.getFiberSerializer} (fiber serialization, which greenhouse never uses) throws
 *       {@code UnsupportedOperationException}, so loading {@code Fiber} no longer needs Kryo.</li>
 *   <li>{@code fiber-exec-public}: {@code Fiber.exec()}, the package-private method Quasar's fiber tasks run a
 *       fiber with, becomes public, so that greenhouse's hubs run their fibers with it directly (no task, no
 *       compare-and-set of the task's state, no extra frame on the resume path).</li>
 *   <li>{@code thread-access}: every call to Quasar's {@code co.paralleluniverse.concurrent.util.ThreadAccess},
 *       whose static initializer fails on JDK 19+, goes to {@link ThreadAccess}, which has the same methods.</li>
 *   <li>{@code no-fibers}: {@code Stack.getStack()}, the first call of every instrumented method, returns null
 *       at once when {@link NoFibers#SELECTED} ({@code -Dgreenhouse.backend=jdk}: no Quasar fiber exists), so
 *       greenhouse's build-time-instrumented classes cost that backend no thread-local lookup per call.</li>
 * </ol>
 * The tool fails (exit status 1) when a patch does not find exactly the instructions it expects, so that a
 * changed Quasar or shade layout cannot go unnoticed.
 *
 * <p>Usage: {@code java io.greenhouse.quasar.QuasarPatcher path/to/greenhouse-quasar.jar} (the jar is
 * replaced in place).
 */
public final class QuasarPatcher {
    static final String REPORT = "META-INF/greenhouse-quasar-patches.txt";

    /** In a patch, for every class or every method. */
    static final String ANY = "*";

    private static final String ASM = "co/paralleluniverse/asm/";
    private static final String QUASAR_THREAD_ACCESS = PatchTable.QUASAR_THREAD_ACCESS;

    /** Every patch, in the order the report lists them. */
    static final List<Patch> PATCHES = PatchTable.PATCHES;

    private QuasarPatcher() {
    }

    /**
     * Patches the jar given as the only argument in place and prints what it patched; the build runs it on
     * greenhouse-quasar's jar.
     *
     * @param args one argument: the path of the jar
     * @throws IOException if the jar cannot be read or written
     * @throws IllegalArgumentException if not given exactly one argument
     * @throws IllegalStateException if a patch did not rewrite exactly what it expects (as on a jar patched already)
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: QuasarPatcher <greenhouse-quasar.jar>");
        }
        Path jar = Paths.get(args[0]);
        Result result = patch(jar);
        result.check(jar);
        System.out.println("[greenhouse-quasar] patched " + result.classes.size() + " Quasar classes: "
                + result.summary());
    }

    /** Patches {@code jar} in place and returns what was changed; {@link Result#check} says whether that is all. */
    static Result patch(Path jar) throws IOException {
        Result result = new Result();
        Path tmp = jar.resolveSibling(jar.getFileName() + ".patching");
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(REPORT)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream is = in.getInputStream(entry)) {
                    bytes = is.readAllBytes();
                }
                if (isQuasarClass(entry.getName())) {
                    bytes = patchClass(entry.getName().substring(0, entry.getName().length() - 6), bytes, result);
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(REPORT));
            out.write(result.report().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return result;
    }

    private static boolean isQuasarClass(String entry) {
        return entry.endsWith(".class") && entry.startsWith("co/paralleluniverse/") && !entry.startsWith(ASM)
                && !entry.equals(QUASAR_THREAD_ACCESS + ".class");   // never loaded once its callers are redirected
    }

    private static byte[] patchClass(String className, byte[] bytes, Result result) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        Map<Patch, int[]> counts = new LinkedHashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                int patchedAccess = access;
                for (Patch patch : PATCHES) {
                    if (patch.rewrite == Rewrites.PUBLIC_ACCESS && patch.appliesTo(className, name + descriptor)) {
                        patchedAccess = access & ~(Opcodes.ACC_PRIVATE | Opcodes.ACC_PROTECTED) | Opcodes.ACC_PUBLIC;
                        counts.computeIfAbsent(patch, p -> new int[1])[0]++;
                    }
                }
                MethodVisitor mv = super.visitMethod(patchedAccess, name, descriptor, signature, exceptions);
                for (Patch patch : PATCHES) {
                    if (patch.rewrite != Rewrites.PUBLIC_ACCESS && patch.appliesTo(className, name + descriptor)) {
                        mv = patch.rewrite.wrap(mv, counts.computeIfAbsent(patch, p -> new int[1]));
                    }
                }
                return mv;
            }
        }, 0);
        counts.values().removeIf(c -> c[0] == 0);
        if (counts.isEmpty()) {
            return bytes;
        }
        StringBuilder line = new StringBuilder(className).append(':');
        counts.forEach((patch, count) -> {
            result.applied.merge(patch, count[0], Integer::sum);
            line.append(' ').append(patch.id).append(" x").append(count[0]);
        });
        result.classes.add(line.toString());
        return writer.toByteArray();
    }


    /** Turns a method visitor into one that rewrites what the patch targets and counts each rewrite. */
    @FunctionalInterface
    interface Rewrite {
        MethodVisitor wrap(MethodVisitor next, int[] count);
    }

    /** One patch: the class and method it targets ({@value #ANY} for all), how often it must apply, the rewrite. */
    static final class Patch {
        final String id;          // names the patch in the report and in errors
        final String what;        // one line for the report
        final String owner;       // internal class name, or ANY
        final String method;      // name + descriptor, or ANY
        final int expected;       // rewrites the whole jar must contain
        final Rewrite rewrite;

        Patch(String id, String what, String owner, String method, int expected, Rewrite rewrite) {
            this.id = id;
            this.what = what;
            this.owner = owner;
            this.method = method;
            this.expected = expected;
            this.rewrite = rewrite;
        }

        boolean appliesTo(String className, String nameAndDescriptor) {
            return (owner.equals(ANY) || owner.equals(className)) && (method.equals(ANY) || method.equals(nameAndDescriptor));
        }

        @Override
        public String toString() {
            return id + " (" + what + (owner.equals(ANY) ? "" : ", in " + owner + (method.equals(ANY) ? "" : "." + method))
                    + ")";
        }
    }

    /** What {@link #patch} changed: rewrites per patch, and one line per patched class. */
    static final class Result {
        final Map<Patch, Integer> applied = new LinkedHashMap<>();
        final List<String> classes = new ArrayList<>();

        /** The patches that did not rewrite exactly what they expect, with what they found. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (Patch patch : PATCHES) {
                int found = applied.getOrDefault(patch, 0);
                if (found != patch.expected) {
                    problems.add(patch + ": expected " + patch.expected + " rewrites, found " + found);
                }
            }
            return problems;
        }

        /** Throws if a patch found other than it expects. */
        void check(Path jar) {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("QuasarPatcher could not patch " + jar + " as expected: "
                        + String.join("; ", problems) + ". The Quasar version or the shade layout changed; "
                        + "fix the patch in io.greenhouse.quasar.QuasarPatcher before shipping");
            }
        }

        String summary() {
            StringBuilder sb = new StringBuilder();
            for (Patch patch : PATCHES) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(patch.id).append(" x").append(applied.getOrDefault(patch, 0));
            }
            return sb.toString();
        }

        String report() {
            StringBuilder sb = new StringBuilder("Quasar 0.8.0 classes patched by io.greenhouse.quasar.QuasarPatcher\n\n");
            for (Patch patch : PATCHES) {
                sb.append(patch).append(": ").append(applied.getOrDefault(patch, 0)).append(" rewrite(s)\n");
            }
            sb.append('\n');
            for (String c : classes) {
                sb.append(c).append('\n');
            }
            return sb.toString();
        }
    }
}
