package io.greenhouse.internal;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * An ordered list of weakly held callbacks (handlers and hooks), as greenhouse keeps them: an entry whose
 * referent was collected is skipped and dropped, and one whose call throws is removed for good.
 *
 * <p>Threading: hub thread only. Callbacks may add or remove entries while the list is being run; a run
 * sees the entries present when it began.
 *
 * @param <T> the type of the callbacks
 */
public final class WeakList<T> {
    private static final WeakReference<?>[] NONE = new WeakReference<?>[0];

    // Hub thread only. Copied on every change, never changed in place: a run iterates the array it began with,
    // so running the list (once per switch for a global hook) allocates nothing.
    private WeakReference<T>[] entries = none();

    /** An empty list. */
    public WeakList() {
    }

    @SuppressWarnings("unchecked")
    private static <T> WeakReference<T>[] none() {
        return (WeakReference<T>[]) NONE;
    }

    /**
     * Appends {@code item}, held weakly; returns it.
     *
     * @param item the item; the caller keeps it reachable
     * @return {@code item}
     */
    public T add(T item) {
        WeakReference<T>[] e = entries;
        WeakReference<T>[] grown = Arrays.copyOf(e, e.length + 1);
        grown[e.length] = new WeakReference<>(item);
        entries = grown;
        return item;
    }

    /**
     * Removes {@code item}; returns whether it was there.
     *
     * @param item the item
     * @return true if it was in the list
     */
    public boolean remove(T item) {
        WeakReference<T>[] e = entries;
        for (int i = 0; i < e.length; i++) {
            if (e[i].get() == item) {
                removeAt(e, i);
                return true;
            }
        }
        return false;
    }

    /** Removes the entry {@code ref} if it is still there (a run may have seen it after another removed it). */
    private void remove(WeakReference<T> ref) {
        WeakReference<T>[] e = entries;
        for (int i = 0; i < e.length; i++) {
            if (e[i] == ref) {
                removeAt(e, i);
                return;
            }
        }
    }

    private void removeAt(WeakReference<T>[] e, int i) {
        if (e.length == 1) {
            entries = none();
            return;
        }
        WeakReference<T>[] shrunk = Arrays.copyOf(e, e.length - 1);
        System.arraycopy(e, i + 1, shrunk, i, e.length - i - 1);
        entries = shrunk;
    }

    void clear() {
        entries = none();
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    /**
     * Calls {@code call} with {@code a} and {@code b} on every live entry, in order; returns how many were called.
     * An entry whose call throws is removed, and {@code onFailure} gets {@code what}, the entry and the throwable.
     * The arguments are passed rather than captured so that the callers' lambdas capture nothing: running the list
     * (once per switch for a global hook) allocates nothing.
     */
    <A, B> int run(Call<T, A, B> call, A a, B b, String what, FailureSink onFailure) {
        WeakReference<T>[] snapshot = entries;
        int called = 0;
        for (WeakReference<T> ref : snapshot) {
            T item = ref.get();
            if (item == null) {
                remove(ref);
                continue;
            }
            called++;
            try {
                call.call(item, a, b);
            } catch (Throwable t) {
                remove(ref);
                onFailure.failed(what, item, t);
            }
        }
        return called;
    }

    /** A call of one entry with the run's two arguments. */
    @FunctionalInterface
    interface Call<T, A, B> {
        void call(T item, A a, B b);
    }

    /** Told of an entry whose call threw (and which was removed). */
    @FunctionalInterface
    interface FailureSink {
        void failed(String what, Object item, Throwable error);
    }
}
