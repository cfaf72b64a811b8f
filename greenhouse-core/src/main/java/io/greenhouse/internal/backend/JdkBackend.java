package io.greenhouse.internal.backend;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

import io.greenhouse.GreenRunnable;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.Coroutine;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Sneaky;

/**
 * The JDK backend: a greenlet is a one-shot continuation of the JDK ({@code jdk.internal.vm.Continuation},
 * the engine under virtual threads, JDK 21+), run in place on the hub's thread. Nothing is instrumented: a
 * greenlet suspends through any frame (lambdas of JDK functional types, constructors, string concatenation,
 * unannotated helpers), and a switch costs the same whatever the depth of its stack.
 *
 * <p>Design: every greenlet's continuation belongs to one {@code ContinuationScope}. {@link #start} and
 * {@link #resume} are {@code Continuation.run()}, which runs the body on the calling thread until it yields or
 * ends; {@link #park()} is {@code Continuation.yield(scope)}. The JDK's classes are internal, so this class
 * reaches them through method handles looked up once (the build targets JDK 17, where they do not exist); the
 * handles are {@code static final}, which lets the JIT compile each call as a direct one. The JVM must export
 * the package to greenhouse: {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. Which JDK or flag
 * is missing, if any, is {@link #unavailabilityReason()}: the first hub fails with it.
 *
 * <p>Pinning: a continuation cannot yield while a native frame is on its stack (a class initializer is one),
 * inside a JDK critical section, or (JDK 21 to 23 only; JDK 24 and later do not pin there) while it holds a
 * monitor. The suspending call then throws {@link IllegalStateException} naming the reason and the frame
 * ({@link Pinning}), after the hub took back the park's bookkeeping: the greenlet keeps running, and nothing
 * hangs.
 *
 * <p>Greenhouse's own classes are instrumented for Quasar at build time; under this backend their Quasar
 * prologue finds no Quasar fiber and takes the plain path.
 *
 * <p>Threading: every method runs on the hub's thread that owns the coroutine.
 */
final class JdkBackend implements ContinuationBackend {
    /** The flag the JVM needs for this backend, for a module named {@code module}: the package export. */
    static String exportFlag(String module) {
        return "--add-exports java.base/jdk.internal.vm=" + module;
    }

    /** Why this backend cannot run here, or null; fixed when the class loads. */
    private static final String UNAVAILABLE;
    /** The one {@code ContinuationScope} of every greenlet; null when unavailable. */
    private static final Object SCOPE;
    /** {@code new Continuation(scope, target)}: (Object scope, Runnable target) Object. */
    private static final MethodHandle NEW;
    /** {@code continuation.run()}: (Object continuation) void. */
    private static final MethodHandle RUN;
    /** {@code Continuation.yield(scope)}: (Object scope) boolean. */
    private static final MethodHandle YIELD;
    /** {@code continuation.getStackTrace()}: (Object continuation) StackTraceElement[]; for deadlock reports. */
    private static final MethodHandle STACK_TRACE;

    static {
        MethodHandle[] handles = new MethodHandle[4];
        Object[] scope = new Object[1];
        String problem = lookUp(handles, scope);
        SCOPE = scope[0];
        NEW = handles[0];
        RUN = handles[1];
        YIELD = handles[2];
        STACK_TRACE = handles[3];
        UNAVAILABLE = problem != null ? problem : smokeTest();
    }

    JdkBackend() {
    }

    /**
     * Fills {@code handles} (new, run, yield, getStackTrace) and {@code scope}; returns null, or why the JDK's continuations
     * cannot be used from here and how to fix it.
     */
    private static String lookUp(MethodHandle[] handles, Object[] scope) {
        Runtime.Version version = Runtime.version();
        String self = "-D" + Backends.PROPERTY + "=jdk";
        if (version.feature() < 21) {
            return self + " needs JDK 21 or newer (its continuations, jdk.internal.vm.Continuation); this JVM is "
                    + version + " (" + System.getProperty("java.home") + "): run on JDK 21+, or use -D"
                    + Backends.PROPERTY + "=quasar (the default)";
        }
        Module greenhouse = JdkBackend.class.getModule();
        String target = greenhouse.isNamed() ? greenhouse.getName() : "ALL-UNNAMED";
        if (!Object.class.getModule().isExported("jdk.internal.vm", greenhouse)) {
            return self + " needs the JVM flag " + exportFlag(target) + ": the JDK's continuations are internal to "
                    + "java.base. Add it to the java command line (or to the test JVM's argLine), next to "
                    + self + " (README, Two engines)";
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> support = Class.forName("jdk.internal.vm.ContinuationSupport");
            if (!(boolean) lookup.findStatic(support, "isSupported", MethodType.methodType(boolean.class))
                    .invokeExact()) {
                return self + " needs the JVM's continuations, which this JVM (" + version + " on "
                        + System.getProperty("os.arch") + ") does not have: use -D" + Backends.PROPERTY + "=quasar";
            }
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            Class<?> scopeType = Class.forName("jdk.internal.vm.ContinuationScope");
            scope[0] = lookup.findConstructor(scopeType, MethodType.methodType(void.class, String.class))
                    .invoke("greenhouse");
            handles[0] = lookup.findConstructor(continuation,
                            MethodType.methodType(void.class, scopeType, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            handles[1] = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            handles[2] = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeType))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            handles[3] = lookup.findVirtual(continuation, "getStackTrace",
                            MethodType.methodType(StackTraceElement[].class))
                    .asType(MethodType.methodType(StackTraceElement[].class, Object.class));
            return null;
        } catch (Throwable t) {
            return self + " cannot reach the JDK's continuations on " + version + ": " + t
                    + "; check that the JVM runs with " + exportFlag(target) + ", or use -D" + Backends.PROPERTY
                    + "=quasar";
        }
    }

    /**
     * Runs one continuation that yields once, so that a JVM whose continuations do not work fails at its first
     * hub rather than at its first switch; null if it worked.
     */
    private static String smokeTest() {
        boolean[] steps = new boolean[2];
        try {
            Object c = newContinuation(() -> {
                steps[0] = true;
                yieldNow();
                steps[1] = true;
            });
            run(c);
            boolean yielded = steps[0] && !steps[1];
            run(c);
            if (yielded && steps[1]) {
                return null;
            }
        } catch (Throwable t) {
            return "-D" + Backends.PROPERTY + "=jdk: the JDK's continuations fail on " + Runtime.version() + ": " + t
                    + "; use -D" + Backends.PROPERTY + "=quasar";
        }
        return "-D" + Backends.PROPERTY + "=jdk: the JDK's continuations did not yield and resume on "
                + Runtime.version() + "; use -D" + Backends.PROPERTY + "=quasar";
    }

    static Object newContinuation(Runnable target) {
        try {
            return (Object) NEW.invokeExact(SCOPE, target);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }

    private static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }

    /** Yields the current continuation; throws the JDK's {@link IllegalStateException} if it is pinned. */
    private static boolean yieldNow() {
        try {
            return (boolean) YIELD.invokeExact(SCOPE);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public String unavailabilityReason() {
        return UNAVAILABLE;
    }

    @Override
    public Coroutine create(GreenRunnable body) {
        return new JdkCoroutine(body);
    }

    @Override
    public void start(Coroutine coroutine) {
        run(((JdkCoroutine) coroutine).continuation);
    }

    @Override
    public void resume(Coroutine coroutine) {
        run(((JdkCoroutine) coroutine).continuation);
    }

    /**
     * Yields the calling greenlet's continuation. If it is pinned, the hub takes back the park's bookkeeping
     * and this throws {@link IllegalStateException} with the reason and the frame that pins it.
     */
    @Override
    public void park() {
        boolean yielded;
        try {
            yielded = (boolean) YIELD.invokeExact(SCOPE);   // here, not through yieldNow: one frame less
        } catch (IllegalStateException e) {
            throw refused(e.getMessage(), e);
        } catch (Throwable t) {
            throw Sneaky.rethrow(t);
        }
        if (!yielded) {
            throw refused(null, null);
        }
    }

    private static IllegalStateException refused(String jdkMessage, Throwable cause) {
        Loop loop = Loop.current();
        loop.cancelPark(loop.running());
        return new IllegalStateException(Pinning.explain(jdkMessage), cause);
    }

    @Override
    public Throwable failure(Coroutine coroutine) {
        return ((JdkCoroutine) coroutine).failure;
    }

    /**
     * The parked continuation's frames, walked without mounting it (as the JDK does for an unmounted virtual
     * thread), from the park call site out to the greenlet's body: the JDK's and this backend's own frames of
     * the yield are left out.
     */
    @Override
    public StackTraceElement[] stackTrace(Coroutine coroutine) {
        JdkCoroutine c = (JdkCoroutine) coroutine;
        StackTraceElement[] all;
        try {
            all = (StackTraceElement[]) STACK_TRACE.invokeExact(c.continuation);
        } catch (Throwable t) {
            return new StackTraceElement[0];   // a report without this greenlet's stack beats no report
        }
        int from = 0;
        while (from < all.length && isYieldMachinery(all[from])) {
            from++;
        }
        int to = from;
        while (to < all.length && !all[to].getClassName().equals(JdkCoroutine.class.getName())) {
            to++;
        }
        return Arrays.copyOfRange(all, from, to);
    }

    private static boolean isYieldMachinery(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("jdk.internal.vm.") || c.equals(JdkBackend.class.getName());
    }

    @Override
    public GreenRunnable body(Coroutine coroutine) {
        return ((JdkCoroutine) coroutine).body;
    }

    /** Nothing to check: every frame can suspend, and pinning is found by the yield itself. */
    @Override
    public void checkSuspension(Coroutine coroutine) {
    }
}
