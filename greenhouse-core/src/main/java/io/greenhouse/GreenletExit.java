package io.greenhouse;

/**
 * Thrown into a greenlet to end it quietly: {@link Scheduler#end(Greenlet)} and {@link Hub#close()} use it.
 *
 * <p>It extends {@link Error}, as {@code ThreadDeath} does, so that {@code catch (Exception e)} in greenlet
 * code does not swallow it; {@code finally} blocks run. A greenlet whose body lets it escape is dead, with
 * no {@linkplain Greenlet#failure() failure}, and the exception handlers are not called.
 */
public class GreenletExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates an exit with no message. */
    public GreenletExit() {
        super();
    }

    /**
     * Creates an exit with {@code message}.
     *
     * @param message why the greenlet is ended, for logs and debuggers
     */
    public GreenletExit(String message) {
        super(message);
    }
}
