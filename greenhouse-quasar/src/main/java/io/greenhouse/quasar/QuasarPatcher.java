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
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import co.paralleluniverse.fibers.instrument.GreenhouseInstrumentRules;
import io.greenhouse.quasar.internal.CurrentStrand;
import io.greenhouse.quasar.internal.MapMakerStandIn;
import io.greenhouse.quasar.internal.NoFibers;
import io.greenhouse.quasar.internal.ParkSiteInliner;
import io.greenhouse.quasar.internal.QuasarLogging;
import io.greenhouse.quasar.internal.ThreadFactoryBuilderStandIn;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step that patches Quasar 0.8.0's bytecode, inside the shaded greenhouse-quasar jar, so that it runs on
 * JDK 17-25, instruments correctly, and needs neither Guava nor Kryo.
 *
 * <p>Header note on patched third-party bytes: every class this tool rewrites is Quasar's own
 * ({@code co.paralleluniverse.*}, except the relocated ASM under {@code co.paralleluniverse.asm} and
 * greenhouse-quasar's own classes in those packages). Each patch below rewrites named instructions of named
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
 *       from the top), asks {@link GreenhouseInstrumentRules#isForwardingToSuspendable}: Quasar counted array
 *       allocation and array reads and writes as free to re-run, so {@code byte[] b = new byte[16];
 *       in.read(b)} read into an array the method no longer held, and its finally-blind handler test ran a
 *       {@code finally} on every suspension.</li>
 *   <li>{@code jdk-bootstraps}: {@code invokedynamic} string concatenation (and records' and pattern switches'
 *       bootstraps) are not suspendable calls, as lambdas already were.</li>
 *   <li>{@code analyzer-dup}: the instrumenter's analyzer runs {@code DUP} as the ASM it was written for did
 *       ({@link GreenhouseInstrumentRules#executeDup}); under ASM 9 it lost track of {@code new X(...)}, which
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

    private static final String FIBERS = "co/paralleluniverse/fibers/";
    private static final String INSTRUMENT = FIBERS + "instrument/";
    private static final String ASM = "co/paralleluniverse/asm/";
    private static final String RULES = internalName(GreenhouseInstrumentRules.class);
    private static final String LOGGING = internalName(QuasarLogging.class);
    private static final String CURRENT_STRAND = internalName(CurrentStrand.class);
    private static final String NO_FIBERS = internalName(NoFibers.class);
    private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final int ASM7 = 458752;
    private static final String ANY = "*";

    private static final String GUAVA_MAP_MAKER = "com/google/common/collect/MapMaker";
    private static final String GUAVA_THREAD_FACTORY_BUILDER = "com/google/common/util/concurrent/ThreadFactoryBuilder";
    private static final Map<String, String> GUAVA_STAND_INS = Map.of(
            GUAVA_MAP_MAKER, internalName(MapMakerStandIn.class),
            GUAVA_THREAD_FACTORY_BUILDER, internalName(ThreadFactoryBuilderStandIn.class));

    /** greenhouse-quasar's own classes inside Quasar's packages: never patched. */
    private static final Set<String> OWN_CLASSES = Set.of(
            RULES, "co/paralleluniverse/concurrent/util/ThreadAccess", FIBERS + "FiberRunner");

    /** Every patch, in the order the report lists them. */
    static final List<Patch> PATCHES = List.of(
            new Patch("asm-api", "ASM api level ASM7 -> ASM9", ANY, ANY, 22,
                    ldcRewrite(ASM7, Opcodes.ASM9)),
            new Patch("lambda-marker", "lambda class marker \"$$Lambda$\" -> \"$$Lambda\"", ANY, ANY, 4,
                    ldcRewrite("$$Lambda$", "$$Lambda")),
            new Patch("forwarding-rule", "uninstrumented forwarders only when re-running them is harmless",
                    INSTRUMENT + "InstrumentMethod", "isForwardingToSuspendable([I)Z", 1,
                    bodyRewrite(3, 2, mv -> {
                        String owner = INSTRUMENT + "InstrumentMethod";
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "mn", "L" + ASM + "tree/MethodNode;");
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "db", "L" + INSTRUMENT + "MethodDatabase;");
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isForwardingToSuspendable",
                                "(L" + ASM + "tree/MethodNode;L" + INSTRUMENT + "MethodDatabase;[I)Z", false);
                        mv.visitInsn(Opcodes.IRETURN);
                    })),
            new Patch("jdk-bootstraps", "invokedynamic of JDK bootstraps (string concatenation, records, switches) "
                    + "is not a suspendable call", INSTRUMENT + "InstrumentMethod", ANY, 2,
                    bootstrapRewrite()),
            new Patch("analyzer-dup", "analyzer keeps NEW's value under its DUP (ASM 5 semantics)",
                    INSTRUMENT + "TypeAnalyzer$TypeFrame",
                    "execute(L" + ASM + "tree/AbstractInsnNode;L" + ASM + "tree/analysis/Interpreter;)V", 1,
                    prefixRewrite(3, mv -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitVarInsn(Opcodes.ALOAD, 2);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "executeDup", "(L" + ASM
                                + "tree/analysis/Frame;L" + ASM + "tree/AbstractInsnNode;L" + ASM
                                + "tree/analysis/Interpreter;)Z", false);
                    }, mv -> mv.visitInsn(Opcodes.RETURN))),
            new Patch("object-methods", "java.lang.Object's methods called through an interface are not suspendable",
                    INSTRUMENT + "MethodDatabase", "isMethodSuspendable(Ljava/lang/String;Ljava/lang/String;"
                            + "Ljava/lang/String;I)L" + INSTRUMENT + "MethodDatabase$SuspendableType;", 1,
                    prefixRewrite(5, mv -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitVarInsn(Opcodes.ALOAD, 2);
                        mv.visitVarInsn(Opcodes.ALOAD, 3);
                        mv.visitVarInsn(Opcodes.ILOAD, 4);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isObjectMethodThroughInterface",
                                "(L" + INSTRUMENT + "MethodDatabase;Ljava/lang/String;Ljava/lang/String;"
                                        + "Ljava/lang/String;I)Z", false);
                    }, mv -> {
                        String type = INSTRUMENT + "MethodDatabase$SuspendableType";
                        mv.visitFieldInsn(Opcodes.GETSTATIC, type, "NON_SUSPENDABLE", "L" + type + ";");
                        mv.visitInsn(Opcodes.ARETURN);
                    })),
            new Patch("refusals-reported", "a class refused as a whole is reported, not passed through silently",
                    INSTRUMENT + "QuasarInstrumentor", "instrumentClass(Ljava/lang/ClassLoader;Ljava/lang/String;"
                            + "Ljava/io/InputStream;Z)[B", 1, refusalRewrite()),
            new Patch("no-default-scheduler", "Val() passes no scheduler instead of the default one",
                    "co/paralleluniverse/strands/dataflow/Val", "<init>()V", 1,
                    bodyRewrite(3, 1, mv -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitInsn(Opcodes.ACONST_NULL);
                        mv.visitInsn(Opcodes.ACONST_NULL);
                        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "co/paralleluniverse/strands/dataflow/Val", "<init>",
                                "(L" + FIBERS + "FiberScheduler;Lco/paralleluniverse/strands/SuspendableCallable;)V",
                                false);
                        mv.visitInsn(Opcodes.RETURN);
                    })),
            new Patch("no-default-scheduler", "Fiber.getName() compares with null, not the default scheduler",
                    FIBERS + "Fiber", "getName()Ljava/lang/String;", 1,
                    callRewrite(FIBERS + "DefaultFiberScheduler", "getInstance",
                            mv -> mv.visitInsn(Opcodes.ACONST_NULL))),
            new Patch("fiber-messages", "Fiber's QUASAR WARNING lines -> System.Logger (DEBUG)",
                    FIBERS + "Fiber", "<clinit>()V", 3, printlnRewrite()),
            new Patch("fiber-messages", "Fiber's verify-instrumentation note -> System.Logger (DEBUG)",
                    FIBERS + "Fiber", "printVerifyInstrumentationWarning()Z", 1, printlnRewrite()),
            new Patch("agent-log", "the agent's instrumentation log -> System.Logger",
                    INSTRUMENT + "JavaAgent$1", "log(L" + INSTRUMENT + "LogLevel;Ljava/lang/String;[Ljava/lang/Object;)V",
                    1, bodyRewrite(3, 4, mv -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitVarInsn(Opcodes.ALOAD, 2);
                        mv.visitVarInsn(Opcodes.ALOAD, 3);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, LOGGING, "log",
                                "(L" + INSTRUMENT + "LogLevel;Ljava/lang/String;[Ljava/lang/Object;)V", false);
                        mv.visitInsn(Opcodes.RETURN);
                    })),
            new Patch("agent-log", "the agent's instrumentation errors -> System.Logger",
                    INSTRUMENT + "JavaAgent$1", "error(Ljava/lang/String;Ljava/lang/Throwable;)V", 1,
                    bodyRewrite(2, 3, mv -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitVarInsn(Opcodes.ALOAD, 2);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, LOGGING, "error",
                                "(Ljava/lang/String;Ljava/lang/Throwable;)V", false);
                        mv.visitInsn(Opcodes.RETURN);
                    })),
            new Patch("verify-fails", "an uninstrumented frame fails the suspension instead of a warning",
                    FIBERS + "Fiber", "checkInstrumentation(Lco/paralleluniverse/common/util/ExtendedStackTrace;Z)Z", 1,
                    callRewrite("co/paralleluniverse/common/util/Debug", "isUnitTest",
                            mv -> mv.visitInsn(Opcodes.ICONST_1))),
            new Patch("no-guava", "MapMaker -> MapMakerStandIn", FIBERS + "FiberScheduler",
                    "<init>(Ljava/lang/String;Lco/paralleluniverse/common/monitoring/MonitorType;Z)V", 1,
                    guavaRewrite(GUAVA_MAP_MAKER)),
            new Patch("no-guava", "ThreadFactoryBuilder -> ThreadFactoryBuilderStandIn", FIBERS + "FiberExecutorScheduler",
                    "<init>(Ljava/lang/String;Ljava/util/concurrent/Executor;"
                            + "Lco/paralleluniverse/common/monitoring/MonitorType;Z)V", 1,
                    guavaRewrite(GUAVA_THREAD_FACTORY_BUILDER)),
            new Patch("no-guava", "ThreadFactoryBuilder -> ThreadFactoryBuilderStandIn", FIBERS + "FiberForkJoinScheduler",
                    "createTimer(Ljava/util/concurrent/ForkJoinPool;L" + FIBERS + "FibersMonitor;)L" + FIBERS
                            + "FiberTimedScheduler;", 1,
                    guavaRewrite(GUAVA_THREAD_FACTORY_BUILDER)),
            new Patch("no-guava", "MapMaker -> MapMakerStandIn", "co/paralleluniverse/strands/Strand$ThreadStrand",
                    "<clinit>()V", 1, guavaRewrite(GUAVA_MAP_MAKER)),
            new Patch("park-sites-inlined", "the class to instrument gets greenhouse's untimed park sites inlined "
                    + "(ParkSiteInliner) before Quasar's phases run", INSTRUMENT + "QuasarInstrumentor",
                    "instrumentClass(Ljava/lang/ClassLoader;Ljava/lang/String;Ljava/io/InputStream;Z)[B", 1,
                    callRewrite(INSTRUMENT + "QuasarInstrumentor", "toByteArray", mv -> {
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, INSTRUMENT + "QuasarInstrumentor", "toByteArray",
                                "(Ljava/io/InputStream;)[B", false);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, internalName(ParkSiteInliner.class), "inline",
                                "([B)[B", false);
                    })),
            new Patch("current-strand", "Strand.currentStrand (a ThreadLocal) -> CurrentStrand's per-thread slot",
                    ANY, ANY, 8, currentStrandRewrite()),
            new Patch("no-fibers", "Stack.getStack() returns null at once on greenhouse's JDK backend (no fibers)",
                    FIBERS + "Stack", "getStack()L" + FIBERS + "Stack;", 1,
                    prefixRewrite(1, mv -> mv.visitFieldInsn(Opcodes.GETSTATIC, NO_FIBERS, "SELECTED", "Z"), mv -> {
                        mv.visitInsn(Opcodes.ACONST_NULL);
                        mv.visitInsn(Opcodes.ARETURN);
                    })),
            new Patch("no-kryo", "Fiber.getFiberSerializer throws UnsupportedOperationException",
                    FIBERS + "Fiber", "getFiberSerializer(Z)Lco/paralleluniverse/io/serialization/ByteArraySerializer;", 1,
                    bodyRewrite(3, 1, mv -> {
                        mv.visitTypeInsn(Opcodes.NEW, "java/lang/UnsupportedOperationException");
                        mv.visitInsn(Opcodes.DUP);
                        mv.visitLdcInsn("fiber serialization needs Kryo, which greenhouse-quasar leaves out");
                        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/UnsupportedOperationException", "<init>",
                                "(Ljava/lang/String;)V", false);
                        mv.visitInsn(Opcodes.ATHROW);
                    })));

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
                && !OWN_CLASSES.contains(entry.substring(0, entry.length() - 6));
    }

    private static byte[] patchClass(String className, byte[] bytes, Result result) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        Map<Patch, int[]> counts = new LinkedHashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Patch patch : PATCHES) {
                    if (patch.appliesTo(className, name + descriptor)) {
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

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    // ---- the kinds of rewrite -------------------------------------------------------------------------------

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

    /** Rewrites {@code LDC from} as {@code LDC to}. */
    private static Rewrite ldcRewrite(Object from, Object to) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitLdcInsn(Object value) {
                if (from.equals(value)) {
                    count[0]++;
                    super.visitLdcInsn(to);
                } else {
                    super.visitLdcInsn(value);
                }
            }
        };
    }

    /** Replaces every call to {@code owner.name} by what {@code emit} writes (which must leave the same stack). */
    private static Rewrite callRewrite(String owner, String name, Consumer<MethodVisitor> emit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String callOwner, String callName, String descriptor,
                                        boolean isInterface) {
                if (callOwner.equals(owner) && callName.equals(name)) {
                    count[0]++;
                    emit.accept(mv);
                } else {
                    super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
                }
            }
        };
    }

    /** {@code System.err.println(String)} becomes {@code QuasarLogging.println(PrintStream, String)}. */
    private static Rewrite printlnRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (owner.equals("java/io/PrintStream") && name.equals("println")
                        && descriptor.equals("(Ljava/lang/String;)V")) {
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, LOGGING, "println",
                            "(Ljava/io/PrintStream;Ljava/lang/String;)V", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }
        };
    }

    /**
     * {@code owner.equals("java/lang/invoke/LambdaMetafactory")} becomes
     * {@code GreenhouseInstrumentRules.isNonSuspendableBootstrap(owner, "java/lang/invoke/LambdaMetafactory")}.
     */
    private static Rewrite bootstrapRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private boolean afterMarker;   // the previous instruction was LDC LAMBDA_METAFACTORY

            @Override
            public void visitLdcInsn(Object value) {
                super.visitLdcInsn(value);
                afterMarker = LAMBDA_METAFACTORY.equals(value);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (afterMarker && owner.equals("java/lang/String") && name.equals("equals")) {
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isNonSuspendableBootstrap",
                            "(Ljava/lang/String;Ljava/lang/Object;)Z", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
                afterMarker = false;
            }
        };
    }

    /**
     * {@code ic2.hasSuspendableMethods()} in the exception handler becomes
     * {@code GreenhouseInstrumentRules.hasSuspendableMethods(ic2, e)}, {@code e} being the handler's exception (the
     * local the handler stored last).
     */
    private static Rewrite refusalRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private int lastStored = -1;   // the local of the last ASTORE: the caught exception, at the call

            @Override
            public void visitVarInsn(int opcode, int var) {
                super.visitVarInsn(opcode, var);
                if (opcode == Opcodes.ASTORE) {
                    lastStored = var;
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (owner.equals(INSTRUMENT + "InstrumentClass") && name.equals("hasSuspendableMethods")) {
                    count[0]++;
                    super.visitVarInsn(Opcodes.ALOAD, lastStored);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "hasSuspendableMethods",
                            "(L" + INSTRUMENT + "InstrumentClass;Ljava/lang/Exception;)Z", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }
        };
    }

    /**
     * Replaces the method's code by what {@code emit} writes (a straight line, no frames needed); the original
     * instructions, frames and debug information are dropped, annotations kept.
     */
    private static Rewrite bodyRewrite(int maxStack, int maxLocals, Consumer<MethodVisitor> emit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                count[0]++;
                MethodVisitor out = mv;
                out.visitCode();
                emit.accept(out);
                out.visitMaxs(maxStack, maxLocals);
                out.visitEnd();
                mv = null;   // drop the original body
            }
        };
    }

    /**
     * Puts {@code if (<condition>) <early exit>} before the method's code: {@code condition} leaves a boolean
     * using at most {@code stack} operand slots, {@code exit} returns. The original code follows a frame equal
     * to the method's first, so its own frames stay valid.
     */
    private static Rewrite prefixRewrite(int stack, Consumer<MethodVisitor> condition, Consumer<MethodVisitor> exit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                count[0]++;
                super.visitCode();
                Label original = new Label();
                condition.accept(mv);
                mv.visitJumpInsn(Opcodes.IFEQ, original);
                exit.accept(mv);
                mv.visitLabel(original);
                mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, stack), maxLocals);
            }
        };
    }

    /**
     * Redirects a Guava builder to its stand-in: {@code NEW G; DUP; INVOKESPECIAL G.<init>()V} becomes
     * {@code INVOKESTATIC S.newG()Object}, and {@code INVOKEVIRTUAL G.m(args)R} becomes {@code INVOKESTATIC
     * S.m(Object, args)R} (with {@code Object} for {@code R = G}). The builder lives on the operand stack only,
     * between two instructions of straight-line code, so no frame mentions it. Counts whole chains.
     */
    private static Rewrite guavaRewrite(String guava) {
        String standIn = GUAVA_STAND_INS.get(guava);
        String guavaDescriptor = "L" + guava + ";";
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private boolean droppedNew;   // NEW G was dropped; its DUP goes too

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW && type.equals(guava)) {
                    droppedNew = true;
                    return;
                }
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitInsn(int opcode) {
                if (droppedNew && opcode == Opcodes.DUP) {
                    droppedNew = false;
                    return;
                }
                super.visitInsn(opcode);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (!owner.equals(guava)) {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                } else if (name.equals("<init>")) {
                    count[0]++;
                    String simpleName = guava.substring(guava.lastIndexOf('/') + 1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, standIn, "new" + simpleName, "()Ljava/lang/Object;",
                            false);
                } else {
                    String redirected = "(Ljava/lang/Object;" + descriptor.substring(1).replace(guavaDescriptor,
                            "Ljava/lang/Object;");
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, standIn, name, redirected, false);
                }
            }
        };
    }

    /**
     * {@code GETSTATIC currentStrand; ...; INVOKEVIRTUAL ThreadLocal.get()} (or {@code set(Object)}) becomes
     * {@code ...; INVOKESTATIC CurrentStrand.get()} ({@code set(Object)}): the field's value is only ever the
     * receiver of that call, and the instructions between (the argument of {@code set}) leave it alone, so dropping
     * the GETSTATIC leaves the stack the static call expects. Counts calls.
     */
    private static Rewrite currentStrandRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private int droppedLoads;   // GETSTATICs of the field whose call has not come yet

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                if (opcode == Opcodes.GETSTATIC && name.equals("currentStrand")
                        && descriptor.equals("Ljava/lang/ThreadLocal;")) {
                    droppedLoads++;
                    return;
                }
                super.visitFieldInsn(opcode, owner, name, descriptor);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (droppedLoads > 0 && owner.equals("java/lang/ThreadLocal")
                        && (name.equals("get") || name.equals("set"))) {
                    droppedLoads--;
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, CURRENT_STRAND, name,
                            name.equals("get") ? "()Ljava/lang/Object;" : "(Ljava/lang/Object;)V", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }

            @Override
            public void visitEnd() {
                if (droppedLoads != 0) {
                    throw new IllegalStateException("current-strand: a read of Strand.currentStrand is not the "
                            + "receiver of ThreadLocal.get or set; the patch does not know this code");
                }
                super.visitEnd();
            }
        };
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
