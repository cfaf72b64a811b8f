package io.greenhouse.quasar.internal;

import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Quasar's {@code FiberExecutorScheduler} gets in place of Guava's {@code ThreadFactoryBuilder} (the
 * patched constructor calls these static methods with the builder as first argument): a factory of threads
 * with a daemon flag and a {@link String#format} name pattern, the two settings Quasar uses.
 *
 * <p>Threading: a builder is used by the thread that made it; the factory it builds by any thread.
 */
public final class ThreadFactoryBuilderStandIn {
    private boolean daemon;       // set before build
    private String nameFormat;    // set before build; null: the JDK's default names

    private ThreadFactoryBuilderStandIn() {
    }

    /**
     * In place of {@code new ThreadFactoryBuilder()}.
     *
     * @return a builder stand-in
     */
    public static Object newThreadFactoryBuilder() {
        return new ThreadFactoryBuilderStandIn();
    }

    /**
     * In place of {@code builder.setDaemon(daemon)}.
     *
     * @param builder the builder stand-in
     * @param daemon whether the threads are daemons
     * @return {@code builder}
     */
    public static Object setDaemon(Object builder, boolean daemon) {
        ((ThreadFactoryBuilderStandIn) builder).daemon = daemon;
        return builder;
    }

    /**
     * In place of {@code builder.setNameFormat(format)}: {@code format} may hold one {@code %d}, a counter.
     *
     * @param builder the builder stand-in
     * @param format the thread name pattern
     * @return {@code builder}
     */
    public static Object setNameFormat(Object builder, String format) {
        String.format(Locale.ROOT, format, 0L);   // fails now, as Guava does, rather than in a new thread
        ((ThreadFactoryBuilderStandIn) builder).nameFormat = format;
        return builder;
    }

    /**
     * In place of {@code builder.build()}.
     *
     * @param builder the builder stand-in
     * @return a factory of threads as the builder describes
     */
    public static ThreadFactory build(Object builder) {
        ThreadFactoryBuilderStandIn spec = (ThreadFactoryBuilderStandIn) builder;
        boolean daemon = spec.daemon;
        String format = spec.nameFormat;
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task);
            if (format != null) {
                thread.setName(String.format(Locale.ROOT, format, count.getAndIncrement()));
            }
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
