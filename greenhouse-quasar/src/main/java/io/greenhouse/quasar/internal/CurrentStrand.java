package io.greenhouse.quasar.internal;

/**
 * The current strand of each thread, in place of Quasar's {@code ThreadLocal<Strand> Strand.currentStrand}: what
 * Quasar's fiber and strand classes read and write when a fiber is mounted on a thread other than a fork-join
 * worker (a greenhouse hub's thread), once {@link io.greenhouse.quasar.QuasarPatcher} has patched them.
 *
 * <p>Why: a fiber switch on a hub's thread read or wrote that thread local about seven times (the switch's
 * install and restore, and a look-up at the entry of every instrumented frame), and each {@code ThreadLocal}
 * access is a hash probe whose compiled code also makes every frame that inlines it bigger. Here the value sits in
 * a slot of its own per thread, and the last thread's slot is cached in a static field, checked against the
 * calling thread, as {@code Thread.currentThread()} compares in a register: one thread driving fibers (the common
 * case) never reaches the thread local.
 *
 * <p>Threading: any thread; each thread sees only its own value. The cache is racy but safe: a slot's thread is
 * final, so a slot read by another thread fails the check and that thread takes its own slot from the thread
 * local. A slot's value is only read and written by its thread.
 */
public final class CurrentStrand {
    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);
    private static Slot last; // any thread, racy; the slot of the thread that last used this class

    private CurrentStrand() {
    }

    /**
     * The calling thread's current strand, or null: in place of {@code Strand.currentStrand.get()}.
     *
     * @return the strand, or null
     */
    public static Object get() {
        return slot().strand;
    }

    /**
     * Sets the calling thread's current strand: in place of {@code Strand.currentStrand.set(strand)}.
     *
     * @param strand the strand, or null
     */
    public static void set(Object strand) {
        slot().strand = strand;
    }

    private static Slot slot() {
        Slot s = last;
        if (s != null && s.thread == Thread.currentThread()) {
            return s;
        }
        s = SLOTS.get();
        last = s;
        return s;
    }

    private static final class Slot {
        final Thread thread = Thread.currentThread();   // immutable; the owner
        Object strand;                                   // owner thread only
    }
}
