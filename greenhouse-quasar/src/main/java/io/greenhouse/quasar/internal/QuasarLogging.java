package io.greenhouse.quasar.internal;

import java.io.PrintStream;
import java.lang.System.Logger.Level;

import co.paralleluniverse.fibers.instrument.LogLevel;

/**
 * Where Quasar's messages go in greenhouse-quasar: the {@link System.Logger} {@code io.greenhouse.quasar}, not
 * standard error.
 *
 * <p>Quasar's fiber class prints performance notes ("assertions enabled", "fibers are set to verify
 * instrumentation", "the agent isn't running") to standard error when it loads; they are logged at
 * {@code DEBUG}: they are no problem, and a program that runs with neither the agent nor build-time
 * instrumentation is refused by greenhouse itself, with a message that says what to add. The agent's
 * instrumentation log keeps its levels: a class or method it cannot instrument is a {@code WARNING}.
 *
 * <p>Threading: any thread.
 */
public final class QuasarLogging {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.quasar");

    private QuasarLogging() {
    }

    /** In place of {@code System.err.println(message)} in Quasar's fiber class. */
    public static void println(PrintStream ignored, String message) {
        LOG.log(Level.DEBUG, message);
    }

    /** In place of the agent's {@code Log.log}: {@code message} is a {@link String#format} pattern. */
    public static void log(LogLevel level, String message, Object[] args) {
        Level to = level == LogLevel.WARNING ? Level.WARNING : level == LogLevel.INFO ? Level.INFO : Level.DEBUG;
        if (LOG.isLoggable(to)) {
            LOG.log(to, "[quasar] " + String.format(message, args));
        }
    }

    /** In place of the agent's {@code Log.error}. */
    public static void error(String message, Throwable failure) {
        LOG.log(Level.ERROR, "[quasar] " + message, failure);
    }
}
