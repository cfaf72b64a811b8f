package io.greenhouse.benchmarks.baseline;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own one-shot continuations ({@code jdk.internal.vm.Continuation}, JDK 21+), raw, for the
 * baselines of the JDK backend: what a continuation costs with nothing around it. Reached from code compiled
 * for release 17 through method handles held in static finals (so that the JIT binds each call directly), as
 * greenhouse's JDK backend does; the fork needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED},
 * which {@link io.greenhouse.benchmarks.BenchmarkMain} adds on JDK 21+.
 *
 * <p>Threading: a continuation runs on the thread that calls {@link #run}; {@link #yieldNow} returns control
 * to that call.
 */
public final class Continuations {
    private static final Object SCOPE;
    private static final MethodHandle NEW;     // (Object scope, Runnable) Object
    private static final MethodHandle RUN;     // (Object continuation) void
    private static final MethodHandle YIELD;   // (Object scope) boolean
    private static final MethodHandle DONE;    // (Object continuation) boolean
    private static final String UNAVAILABLE;   // why not, or null

    static {
        Object scope = null;
        MethodHandle create = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        MethodHandle done = null;
        String problem = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> type = Class.forName("jdk.internal.vm.Continuation");
            Class<?> scopeType = Class.forName("jdk.internal.vm.ContinuationScope");
            scope = lookup.findConstructor(scopeType, MethodType.methodType(void.class, String.class))
                    .invoke("benchmark");
            create = lookup.findConstructor(type, MethodType.methodType(void.class, scopeType, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            run = lookup.findVirtual(type, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            yield = lookup.findStatic(type, "yield", MethodType.methodType(boolean.class, scopeType))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            done = lookup.findVirtual(type, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (Throwable t) {
            problem = "raw JDK continuations need JDK 21+ and --add-exports java.base/jdk.internal.vm=ALL-UNNAMED: "
                    + t;
        }
        SCOPE = scope;
        NEW = create;
        RUN = run;
        YIELD = yield;
        DONE = done;
        UNAVAILABLE = problem;
    }

    private Continuations() {
    }

    /** A new continuation that will run {@code body}, not started. */
    public static Object create(Runnable body) {
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException(UNAVAILABLE);
        }
        try {
            return (Object) NEW.invokeExact(SCOPE, body);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Runs {@code continuation} on this thread until it yields or ends. */
    public static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Yields the calling continuation back to its {@link #run}. */
    public static void yieldNow() {
        try {
            boolean yielded = (boolean) YIELD.invokeExact(SCOPE);
            if (!yielded) {
                throw new IllegalStateException("the continuation is pinned");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether {@code continuation}'s body has ended. */
    public static boolean isDone(Object continuation) {
        try {
            return (boolean) DONE.invokeExact(continuation);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
