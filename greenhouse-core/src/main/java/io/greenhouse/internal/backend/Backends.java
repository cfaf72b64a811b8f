package io.greenhouse.internal.backend;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.GreenRunnable;
import io.greenhouse.internal.ContinuationBackend;
import io.greenhouse.internal.Coroutine;

/**
 * Which {@link ContinuationBackend} runs greenlets in this JVM: the one named by the system property
 * {@value #PROPERTY}, fixed when this class loads: {@code quasar} (the default; {@link QuasarBackend}) or
 * {@code jdk} (JDK 21+; {@link JdkBackend}).
 *
 * <p>A name that selects no backend here does not fail class loading: {@link #SELECTED} is then a backend
 * that is unavailable for that reason, and the first hub reports it.
 */
public final class Backends {
    /** The system property that selects the backend. */
    public static final String PROPERTY = "greenhouse.backend";

    /** The backend of this JVM. */
    public static final ContinuationBackend SELECTED = select(System.getProperty(PROPERTY, "quasar"));

    private Backends() {
    }

    static ContinuationBackend select(String name) {
        switch (name) {
            case "quasar":
                return new QuasarBackend();
            case "jdk":
                return new JdkBackend();
            default:
                return new Unavailable("-D" + PROPERTY + "=" + name + " selects no continuation backend: use -D"
                        + PROPERTY + "=quasar (the default) or -D" + PROPERTY + "=jdk (JDK 21+)");
        }
    }

    /** A selection that cannot run greenlets; hub creation reports why. */
    private static final class Unavailable implements ContinuationBackend {
        private final String reason;   // immutable

        Unavailable(String reason) {
            this.reason = reason;
        }

        @Override
        public String name() {
            return "unavailable";
        }

        @Override
        public String unavailabilityReason() {
            return reason;
        }

        @Override
        public Coroutine create(GreenRunnable body) {
            throw new IllegalStateException(reason);
        }

        @Override
        public void start(Coroutine coroutine) {
            throw new IllegalStateException(reason);
        }

        @Override
        public void resume(Coroutine coroutine) {
            throw new IllegalStateException(reason);
        }

        @Override
        public void park() throws SuspendExecution {
            throw new IllegalStateException(reason);
        }

        @Override
        public Throwable failure(Coroutine coroutine) {
            throw new IllegalStateException(reason);
        }

        @Override
        public GreenRunnable body(Coroutine coroutine) {
            throw new IllegalStateException(reason);
        }

        @Override
        public void checkSuspension(Coroutine coroutine) {
            throw new IllegalStateException(reason);
        }
    }
}
