package io.greenhouse;

/**
 * Thrown when a greenlet is about to suspend through a method that Quasar did not instrument, which would
 * otherwise fail strangely (a frame re-run from its start, a {@code catch (Throwable)} that swallows the
 * suspension). The message names the method and says how to mark it.
 *
 * <p>The check runs when the JVM has {@code -Dco.paralleluniverse.fibers.verifyInstrumentation=true}, as
 * every test of this project does; it is too costly for production.
 */
public class NotInstrumentedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the uninstrumented method. */
    public NotInstrumentedException(String message) {
        super(message);
    }
}
