package io.greenhouse.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.function.Consumer;

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
    private final ArrayList<WeakReference<T>> entries = new ArrayList<>(2);  // hub thread only

    /** An empty list. */
    public WeakList() {
    }

    /**
     * Appends {@code item}, held weakly; returns it.
     *
     * @param item the item; the caller keeps it reachable
     * @return {@code item}
     */
    public T add(T item) {
        entries.add(new WeakReference<>(item));
        return item;
    }

    /**
     * Removes {@code item}; returns whether it was there.
     *
     * @param item the item
     * @return true if it was in the list
     */
    public boolean remove(T item) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).get() == item) {
                entries.remove(i);
                return true;
            }
        }
        return false;
    }

    void clear() {
        entries.clear();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Calls {@code call} on every live entry, in order; returns how many were called. An entry whose call
     * throws is removed and the throwable passed to {@code onFailure}.
     */
    @SuppressWarnings("unchecked")
    int run(Consumer<T> call, FailureSink<T> onFailure) {
        Object[] snapshot = entries.toArray();
        int called = 0;
        for (Object o : snapshot) {
            WeakReference<T> ref = (WeakReference<T>) o;
            T item = ref.get();
            if (item == null) {
                entries.remove(ref);
                continue;
            }
            called++;
            try {
                call.accept(item);
            } catch (Throwable t) {
                entries.remove(ref);
                onFailure.failed(item, t);
            }
        }
        return called;
    }

    @FunctionalInterface
    interface FailureSink<T> {
        void failed(T item, Throwable error);
    }
}
