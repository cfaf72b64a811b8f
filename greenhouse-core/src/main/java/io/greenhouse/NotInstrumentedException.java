package io.greenhouse;

/**
 * Thrown when a greenlet is about to suspend through a method that Quasar did not instrument, which would
 * otherwise fail strangely (a frame re-run from its start, a {@code catch (Throwable)} that swallows the
 * suspension). The message names the method and says how to fix it: mark it suspendable, or, for a JDK method
 * (which cannot be instrumented, such as {@code Iterable.forEach} calling back into a greenlet), use a plain
 * loop instead.
 *
 * <p>The check runs before a greenlet suspends. With {@code -Dco.paralleluniverse.fibers.verifyInstrumentation=true}
 * (as every test of this project runs) it walks the whole stack at every suspension; without it, only the first
 * suspension of each greenlet body class (a lambda site, usually) walks the stack, which catches code that
 * nothing instruments at the cost of one stack walk per body class.
 */
public class NotInstrumentedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the uninstrumented method.
     *
     * @param message which method is not instrumented and how to fix it
     */
    public NotInstrumentedException(String message) {
        super(message);
    }
}
