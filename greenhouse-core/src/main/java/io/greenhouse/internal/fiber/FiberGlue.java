package io.greenhouse.internal.fiber;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.FiberExecutorScheduler;
import co.paralleluniverse.fibers.Instrumented;
import io.greenhouse.GreenRunnable;
import io.greenhouse.NotInstrumentedException;

/**
 * The continuation backend: create, start, resume and park greenlet fibers.
 *
 * <p>Design: one Quasar {@link FiberExecutorScheduler} serves every hub; its executor runs a fiber's task
 * synchronously, on the calling thread. So {@link #start} and {@link #resume}, called by a hub's loop, run
 * the fiber on the hub's thread until it parks or ends, and return; {@code Fiber.park()} (from inside the
 * fiber) suspends it and returns control to that loop. Quasar's timers and its own thread pools are never used:
 * timeouts are the hub's, on the hub's clock.
 *
 * <p>Threading: all methods are called on the hub's thread that owns the fiber.
 */
public final class FiberGlue {
    /** Runs a fiber task synchronously on the thread that resumes the fiber. */
    private static final Executor RUN_IN_PLACE = Runnable::run;

    static final FiberExecutorScheduler SCHEDULER =
            new FiberExecutorScheduler("greenhouse", RUN_IN_PLACE, MonitorType.NONE, false);

    /** Quasar's frame-stack size for a new fiber, in slots; it grows on demand. */
    private static final int STACK_SIZE = 16;

    /** Whether greenlets check, before they suspend, that every frame on their stack is instrumented. */
    public static final boolean VERIFY = Boolean.getBoolean("co.paralleluniverse.fibers.verifyInstrumentation");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Map<String, Boolean> INSTRUMENTED = new ConcurrentHashMap<>();

    private FiberGlue() {
    }

    /**
     * Checks, in verification mode, that every frame between the greenlet's body and the library's suspension
     * point is instrumented, and throws {@link NotInstrumentedException} naming the first one that is not.
     * Frames of {@code io.greenhouse.Hub} and of this class (the bookkeeping before a park) are skipped.
     */
    public static void verifyInstrumented() {
        String problem = WALKER.walk(frames -> frames
                .dropWhile(f -> f.getClassName().startsWith(FiberGlue.class.getName())
                        || f.getClassName().equals("io.greenhouse.Hub")
                        || f.getClassName().equals("java.lang.ClassValue"))
                .takeWhile(f -> f.getDeclaringClass() != GreenFiber.class)
                .filter(f -> !isInstrumented(f))
                .findFirst()
                .map(StackWalker.StackFrame::toString)
                .orElse(null));
        if (problem != null) {
            throw new NotInstrumentedException("greenlet code is not instrumented: " + problem
                    + " is on the stack of a suspending greenlet but cannot suspend. Declare it "
                    + "'throws SuspendExecution' or annotate it with @co.paralleluniverse.fibers.Suspendable "
                    + "(and the interface method it implements, if it is called through one), and run with the "
                    + "Quasar agent (-javaagent:greenhouse-quasar.jar) or build-time instrumentation of its class");
        }
    }

    /** Body classes whose first suspension was checked; they are not checked again outside verify mode. */
    private static final ClassValue<Boolean> CHECKED_BODIES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            verifyInstrumented();
            return Boolean.TRUE;
        }
    };

    /**
     * Outside verify mode: checks the stack of the first suspension of each greenlet body class (a lambda
     * site, usually), which catches code running with neither the agent nor build-time instrumentation at
     * the cost of one stack walk per body class.
     */
    public static void verifyFirstSuspension(Object fiber) {
        CHECKED_BODIES.get(((GreenFiber) fiber).body.getClass());
    }

    private static boolean isInstrumented(StackWalker.StackFrame f) {
        String key = f.getClassName() + '.' + f.getMethodName() + f.getDescriptor();
        return INSTRUMENTED.computeIfAbsent(key, k -> {
            String name = f.getMethodName();
            String descriptor = f.getDescriptor();
            return Arrays.stream(f.getDeclaringClass().getDeclaredMethods())
                    .filter(m -> m.getName().equals(name) && descriptorOf(m).equals(descriptor))
                    .anyMatch(m -> m.isAnnotationPresent(Instrumented.class));
        });
    }

    private static String descriptorOf(Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString();
    }

    /** Creates a fiber, not started, that will run {@code body}. */
    public static Object create(GreenRunnable body) {
        return new GreenFiber(body, STACK_SIZE);
    }

    /** The body the fiber runs. */
    public static GreenRunnable body(Object fiber) {
        return ((GreenFiber) fiber).body;
    }

    /** Starts the fiber and runs it on this thread until it first parks or ends. */
    public static void start(Object fiber) {
        ((GreenFiber) fiber).start();
    }

    /** Resumes the parked fiber and runs it on this thread until it parks again or ends. */
    public static void resume(Object fiber) {
        ((GreenFiber) fiber).unpark();
    }

    /** What the fiber's body threw, or null. */
    public static Throwable failure(Object fiber) {
        return ((GreenFiber) fiber).failure;
    }


    /**
     * Checks that suspendable code can run here: either the Quasar agent is active, or greenhouse's own
     * classes were instrumented at build time. Returns null when it can, or a message that says how to fix it.
     */
    public static String instrumentationProblem(Class<?> probe, String suspendableMethod) {
        if (agentActive()) {
            return null;
        }
        for (Method m : probe.getDeclaredMethods()) {
            if (m.getName().equals(suspendableMethod) && m.isAnnotationPresent(Instrumented.class)) {
                return null;
            }
        }
        return "greenlet code is not instrumented: run the JVM with -javaagent:<path to greenhouse-quasar.jar> "
                + "and the --add-opens flags listed in the Greenhouse README (Requirements), or instrument your "
                + "classes and greenhouse-core at build time with io.greenhouse.quasar.AotInstrumenter";
    }

    private static boolean agentActive() {
        try {
            Class<?> agent = Class.forName("co.paralleluniverse.fibers.instrument.JavaAgent");
            return (Boolean) agent.getMethod("isActive").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
