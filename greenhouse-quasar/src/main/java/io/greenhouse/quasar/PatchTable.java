package io.greenhouse.quasar;

import java.util.List;
import java.util.Map;

import io.greenhouse.quasar.internal.CurrentStrand;
import io.greenhouse.quasar.internal.InstrumentRules;
import io.greenhouse.quasar.internal.MapMakerStandIn;
import io.greenhouse.quasar.internal.NoFibers;
import io.greenhouse.quasar.internal.ParkSiteInliner;
import io.greenhouse.quasar.internal.QuasarLogging;
import io.greenhouse.quasar.internal.ThreadAccess;
import io.greenhouse.quasar.internal.ThreadFactoryBuilderStandIn;
import io.greenhouse.quasar.QuasarPatcher.Patch;
import org.objectweb.asm.Opcodes;

import static io.greenhouse.quasar.QuasarPatcher.ANY;
import static io.greenhouse.quasar.Rewrites.*;

/**
 * {@link QuasarPatcher}'s patches: what each one targets, how often it must apply, and the rewrite it makes
 * (the kinds of rewrite are {@link Rewrites}'); the class comment of {@link QuasarPatcher} says why each exists.
 */
final class PatchTable {
    static final String FIBERS = "co/paralleluniverse/fibers/";
    static final String INSTRUMENT = FIBERS + "instrument/";
    static final String ASM = "co/paralleluniverse/asm/";
    static final String RULES = internalName(InstrumentRules.class);
    static final String LOGGING = internalName(QuasarLogging.class);
    static final String CURRENT_STRAND = internalName(CurrentStrand.class);
    static final String NO_FIBERS = internalName(NoFibers.class);
    static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    static final String GUAVA_MAP_MAKER = "com/google/common/collect/MapMaker";
    static final String GUAVA_THREAD_FACTORY_BUILDER = "com/google/common/util/concurrent/ThreadFactoryBuilder";
    static final Map<String, String> GUAVA_STAND_INS = Map.of(
            GUAVA_MAP_MAKER, internalName(MapMakerStandIn.class),
            GUAVA_THREAD_FACTORY_BUILDER, internalName(ThreadFactoryBuilderStandIn.class));

    static final String QUASAR_THREAD_ACCESS = "co/paralleluniverse/concurrent/util/ThreadAccess";
    private static final int ASM7 = 458752;

    /** Every patch, in the order the report lists them. */
    static final List<Patch> PATCHES = List.of(
            new Patch("asm-api", "ASM api level ASM7 -> ASM9", ANY, ANY, 22,
                    ldcRewrite(ASM7, Opcodes.ASM9)),
            new Patch("lambda-marker", "lambda class marker \"$$Lambda$\" -> \"$$Lambda\"", ANY, ANY, 4,
                    ldcRewrite("$$Lambda$", "$$Lambda")),
            new Patch("forwarding-rule", "uninstrumented forwarders only when re-running them is harmless",
                    INSTRUMENT + "InstrumentMethod", "isForwardingToSuspendable([I)Z", 1,
                    bodyRewrite(4, 2, mv -> {
                        String owner = INSTRUMENT + "InstrumentMethod";
                        String db = INSTRUMENT + "MethodDatabase";
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "mn", "L" + ASM + "tree/MethodNode;");
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "db", "L" + db + ";");
                        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, db, "isAllowMonitors", "()Z", false);
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitFieldInsn(Opcodes.GETFIELD, owner, "db", "L" + db + ";");
                        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, db, "isAllowBlocking", "()Z", false);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isForwardingToSuspendable",
                                "(L" + ASM + "tree/MethodNode;[IZZ)Z", false);
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
            new Patch("fiber-exec-public", "Fiber.exec() becomes public, for greenhouse's hubs to run fibers with",
                    FIBERS + "Fiber", "exec()Z", 1, PUBLIC_ACCESS),
            new Patch("thread-access", "Quasar's ThreadAccess -> io.greenhouse.quasar.internal.ThreadAccess",
                    ANY, ANY, 42, redirectRewrite(QUASAR_THREAD_ACCESS, internalName(ThreadAccess.class))),
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

    private PatchTable() {
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
