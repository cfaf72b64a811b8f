package io.greenhouse.quasar.samples;

/** Loads classes with methods Quasar refuses to instrument, so that the agent reports them. */
public final class LoadsRefusedClasses {
    private LoadsRefusedClasses() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        for (Class<?> type : new Class<?>[] {HoldsAMonitor.class, Sleeps.class, SuspendingConstructor.class,
                SynchronizedMethod.class}) {
            Class.forName(type.getName());   // loaded (and so instrumented) by the class literal already
        }
    }
}
