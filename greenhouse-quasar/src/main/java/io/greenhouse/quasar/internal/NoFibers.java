package io.greenhouse.quasar.internal;

/**
 * Whether this JVM runs greenhouse on the JDK backend ({@code -Dgreenhouse.backend=jdk}), where no Quasar fiber
 * ever exists. Greenhouse's own classes are instrumented for Quasar at build time, and every instrumented method
 * begins by asking Quasar for the current fiber's stack ({@code Stack.getStack()}: a thread check and a
 * thread-local lookup); patched by {@link io.greenhouse.quasar.QuasarPatcher}, that call returns null at once
 * when {@link #SELECTED} is true, a constant the JIT folds, so the instrumented classes cost the JDK backend
 * nothing.
 *
 * <p>Fixed when the class loads, from the same system property greenhouse's backend selection reads.
 */
public final class NoFibers {
    /** True when {@code -Dgreenhouse.backend=jdk}: Quasar's {@code Stack.getStack()} then returns null. */
    public static final boolean SELECTED = "jdk".equals(System.getProperty("greenhouse.backend"));

    private NoFibers() {
    }
}
