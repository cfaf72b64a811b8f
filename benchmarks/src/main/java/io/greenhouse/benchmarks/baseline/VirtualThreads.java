package io.greenhouse.benchmarks.baseline;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts virtual threads on JDK 21+ from code compiled for release 17, through a method handle to
 * {@code Thread.startVirtualThread(Runnable)}.
 *
 * <p>The carrier count is the JVM's: {@link io.greenhouse.benchmarks.BenchmarkMain} gives every fork
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} and {@code maxPoolSize=1}, so virtual threads get one
 * carrier, like a hub and the Quasar baseline.
 */
public final class VirtualThreads {
    private static final MethodHandle START = findStart();  // null before JDK 21

    private VirtualThreads() {
    }

    private static MethodHandle findStart() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Whether this JDK has virtual threads (21+). */
    public static boolean available() {
        return START != null;
    }

    /** Starts a virtual thread running {@code task}. */
    public static Thread start(Runnable task) {
        if (START == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21+; this is "
                    + System.getProperty("java.version"));
        }
        try {
            return (Thread) START.invokeExact(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
