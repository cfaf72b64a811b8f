package io.greenhouse.quasar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;

import co.paralleluniverse.fibers.instrument.LogLevel;
import co.paralleluniverse.fibers.instrument.UnableToInstrumentException;

/**
 * Where Quasar's messages go in greenhouse-quasar: the {@link System.Logger} {@code io.greenhouse.quasar}, not
 * standard error.
 *
 * <p>Quasar's fiber class prints performance notes ("assertions enabled", "fibers are set to verify
 * instrumentation", "the agent isn't running") to standard error when it loads; they are logged at
 * {@code DEBUG}: they are no problem, and a program that runs with neither the agent nor build-time
 * instrumentation is refused by greenhouse itself, with a message that says what to add. The agent's
 * instrumentation log keeps its levels: a method it cannot instrument is a {@code WARNING} that names its line,
 * the cause and the fix, a class an {@code ERROR}.
 *
 * <p>Threading: any thread.
 */
public final class QuasarLogging {
    private static final System.Logger LOG = System.getLogger("io.greenhouse.quasar");

    private QuasarLogging() {
    }

    /**
     * In place of {@code System.err.println(message)} in Quasar's fiber class.
     *
     * @param ignored the stream Quasar printed to
     * @param message what it printed
     */
    public static void println(PrintStream ignored, String message) {
        LOG.log(Level.DEBUG, message);
    }

    /**
     * In place of the agent's {@code Log.log}: {@code message} is a {@link String#format} pattern. A method the
     * agent refuses to instrument is reported as {@link InstrumentationRefusal} describes it.
     *
     * @param level the agent's level
     * @param message the format pattern
     * @param args the pattern's arguments
     */
    public static void log(LogLevel level, String message, Object[] args) {
        Level to = level == LogLevel.WARNING ? Level.WARNING : level == LogLevel.INFO ? Level.INFO : Level.DEBUG;
        if (!LOG.isLoggable(to)) {
            return;
        }
        if (message.startsWith("UnableToInstrumentException") && args.length == 4) {
            LOG.log(to, refusal((String) args[0], (String) args[1], (String) args[2],
                    InstrumentationRefusal.reason(String.valueOf(args[3]))));
        } else {
            LOG.log(to, "[quasar] " + String.format(message, args));
        }
    }

    private static String refusal(String className, String method, String descriptor, String reason) {
        String text;
        try (InputStream classFile = ClassLoader.getSystemResourceAsStream(className + ".class")) {
            text = classFile == null ? InstrumentationRefusal.describe(className, method, descriptor, reason)
                    : InstrumentationRefusal.describe(classFile.readAllBytes(), method, descriptor, reason);
        } catch (IOException | RuntimeException unreadable) {
            text = InstrumentationRefusal.describe(className, method, descriptor, reason);
        }
        return text + " (left uninstrumented, it runs again from its start whenever a greenlet resumes inside it)";
    }

    /**
     * In place of the agent's {@code Log.error}; a class refused as a whole is reported as a refused method.
     *
     * @param message the agent's message
     * @param failure the failure it reports
     */
    public static void error(String message, Throwable failure) {
        if (failure instanceof UnableToInstrumentException) {
            UnableToInstrumentException refused = (UnableToInstrumentException) failure;
            LOG.log(Level.ERROR, refusal(refused.getClassName(), refused.getMethodName(), refused.getMethodDesc(),
                    refused.getReason()));
        } else {
            LOG.log(Level.ERROR, "[quasar] " + message, failure);
        }
    }
}
