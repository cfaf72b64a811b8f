package io.greenhouse.internal.backend;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberExecutorScheduler;
import co.paralleluniverse.fibers.Instrumented;
import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.NotInstrumentedException;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.Coroutine;

/**
 * The Quasar backend: a greenlet is a Quasar {@link Fiber} ({@link GreenFiber}) whose scheduler runs it in
 * place, on the hub's thread.
 *
 * <p>Design: one {@link FiberExecutorScheduler} serves every hub, for Quasar's bookkeeping only: its executor
 * does nothing. {@link #start} and {@link #resume}, called by a hub's loop, run the fiber on the hub's thread
 * (with {@code Fiber.exec()}, the method Quasar's own fiber tasks call, which greenhouse-quasar's
 * {@code fiber-exec-public} patch makes public: no fiber task, none of its compare-and-set operations and no
 * extra frame between the hub's loop and the fiber's body) until it
 * suspends or ends, and return; {@link Fiber#yield()}, from inside the fiber, suspends it and returns control
 * to that loop (a yield leaves the task's state alone, and its re-submission reaches the idle executor). Quasar's timers and thread pools are never used: timeouts are the hub's, on
 * the hub's clock. Quasar suspends by unwinding and resumes by re-entering every instrumented frame between the
 * fiber's body and {@code Fiber.yield}, so each such frame costs every switch (see {@link ParkSites}).
 *
 * <p>Checks. Code that Quasar did not instrument does not fail by itself: it re-runs frames from their start
 * on resume. So before every suspension ({@link #checkSuspension}) the stack is checked, in one of two modes:
 * with {@code -Dco.paralleluniverse.fibers.verifyInstrumentation=true} (every test of this project) every
 * suspension walks the whole stack; otherwise only the first suspension of each body class (a lambda site,
 * usually) walks the stack (each greenlet asks once, through a flag), which catches a program running with
 * neither the agent nor build-time instrumentation at the cost of one stack walk per body class.
 *
 * <p>Threading: every method runs on the hub's thread that owns the fiber.
 */
final class QuasarBackend implements ContinuationBackend {
    /** Whether every suspension checks the whole stack (verify mode). */
    static final boolean VERIFY = Boolean.getBoolean("co.paralleluniverse.fibers.verifyInstrumentation");

    /**
     * The scheduler's executor, which never runs anything: the hub runs its fibers itself ({@code Fiber.exec()}),
     * and they suspend with {@link Fiber#yield()}, whose re-submission of the task is thus a no-op.
     */
    private static final Executor HUB_RUNS_FIBERS = task -> { };
    private static final FiberExecutorScheduler SCHEDULER =
            new FiberExecutorScheduler("greenhouse", HUB_RUNS_FIBERS, MonitorType.NONE, false);
    /**
     * Quasar's frame-stack size for a new fiber, in slots, to which Quasar adds 16 for frame records: 20 slots, two
     * arrays of 20 (a long[] and an Object[]), enough for a body a few frames deep; a deeper stack doubles them once.
     * Most of a parked greenlet's heap is these two arrays.
     */
    private static final int STACK_SIZE = 4;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Map<String, Boolean> INSTRUMENTED = new ConcurrentHashMap<>();
    /** Body classes whose first suspension was checked; outside verify mode they are not checked again. */
    private static final ClassValue<Boolean> CHECKED_BODIES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            checkStack();
            return Boolean.TRUE;
        }
    };

    QuasarBackend() {
    }

    @Override
    public String name() {
        return "quasar";
    }

    @Override
    public Coroutine create(GreenRunnable body) {
        return new GreenFiber(body, SCHEDULER, STACK_SIZE);
    }

    /** Marks the fiber started (Quasar's bookkeeping; the no-op executor runs nothing) and runs it. */
    @Override
    public void start(Coroutine coroutine) {
        GreenFiber fiber = (GreenFiber) coroutine;
        fiber.start();
        fiber.exec();
    }

    @Override
    public void resume(Coroutine coroutine) {
        ((GreenFiber) coroutine).exec();
    }

    /** Suspends the calling fiber. The park call sites call {@link Fiber#yield()} themselves (one frame less). */
    @Override
    public void park() throws SuspendExecution {
        Fiber.yield();
    }

    @Override
    public Throwable failure(Coroutine coroutine) {
        return ((GreenFiber) coroutine).failure;
    }

    @Override
    public StackTraceElement[] stackTrace(Coroutine coroutine) {
        return ((GreenFiber) coroutine).stackTrace();
    }

    @Override
    public GreenRunnable body(Coroutine coroutine) {
        return ((GreenFiber) coroutine).body;
    }

    @Override
    public void checkSuspension(Coroutine coroutine) {
        if (VERIFY) {
            checkStack();
            return;
        }
        GreenFiber fiber = (GreenFiber) coroutine;
        if (!fiber.stackChecked) {
            fiber.stackChecked = true;
            CHECKED_BODIES.get(fiber.body.getClass());
        }
    }

    /**
     * Checks that every frame between the greenlet's body and the park call site is instrumented, and throws
     * {@link NotInstrumentedException} naming the first one that is not. The machinery's own frames on top (the
     * check, the loop's bookkeeping: uninstrumented {@code io.greenhouse.internal} classes) are skipped; a park call
     * site is instrumented, or inlined into its caller by the instrumentation.
     */
    private static void checkStack() {
        List<StackWalker.StackFrame> suspect = WALKER.walk(frames -> frames
                .dropWhile(f -> (f.getClassName().startsWith("io.greenhouse.internal.")
                        || f.getClassName().startsWith("java.lang.ClassValue")) && !isInstrumented(f))
                .takeWhile(f -> f.getDeclaringClass() != GreenFiber.class)
                .dropWhile(QuasarBackend::isInstrumented)
                .limit(2)
                .collect(Collectors.toList()));
        if (!suspect.isEmpty()) {
            throw new NotInstrumentedException(explain(suspect.get(0), suspect.size() > 1 ? suspect.get(1) : null));
        }
    }

    /** The message for an uninstrumented frame {@code f} (called from {@code caller}, if known). */
    static String explain(StackWalker.StackFrame f, StackWalker.StackFrame caller) {
        if (isJdk(f.getDeclaringClass())) {
            return "a greenlet cannot suspend here: " + f + " is a JDK method on the stack of a suspending greenlet"
                    + (caller == null ? "" : " (called from " + caller + ")") + ", and JDK methods cannot be "
                    + "instrumented, so a greenlet cannot suspend inside a JDK method that calls back into your "
                    + "code (Iterable.forEach, stream operations, a Comparator, a Map.computeIfAbsent function...). "
                    + "Use a plain loop (for (T x : list) { ... }) or call the suspending code outside the JDK call";
        }
        return "greenlet code is not instrumented: " + f + " is on the stack of a suspending greenlet but cannot "
                + "suspend. Declare it 'throws SuspendExecution' or annotate it with "
                + "@co.paralleluniverse.fibers.Suspendable (and the interface method it implements, if it is called "
                + "through one), and run with the Quasar agent (-javaagent:greenhouse-quasar.jar) or build-time "
                + "instrumentation of its class";
    }

    /** Whether {@code type} belongs to the JDK: a java.* or jdk.* module of the boot layer. */
    static boolean isJdk(Class<?> type) {
        Module m = type.getModule();
        if (!m.isNamed() || m.getLayer() != ModuleLayer.boot()) {
            return false;
        }
        String name = m.getName();
        return name.startsWith("java.") || name.startsWith("jdk.");
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

    /**
     * Checks that suspendable code can run here: either the Quasar agent is active, or greenhouse's own
     * classes were instrumented at build time (the park call sites carry Quasar's {@code @Instrumented}).
     */
    @Override
    public String unavailabilityReason() {
        if (agentActive()) {
            return null;
        }
        // The probe: a suspendable method of greenhouse-core that build-time instrumentation always rewrites.
        for (Method m : ParkSites.class.getDeclaredMethods()) {
            if (m.getName().equals("parkUntil") && m.isAnnotationPresent(Instrumented.class)) {
                return null;
            }
        }
        return "greenlet code is not instrumented: run the JVM with -javaagent:<path to greenhouse-quasar.jar> "
                + "and the --add-opens flag listed in the Greenhouse README (Requirements), or instrument your "
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
