package io.greenhouse.util;

import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/**
 * A greenlet-local variable: each greenlet sees its own value. Greenhouse's {@code Local}, shaped like
 * {@link ThreadLocal}.
 *
 * <p>A value is set by {@link #set}; a greenlet that reads before setting gets the initial value
 * ({@code null}, or what {@link #withInitial}'s supplier returns, called once per greenlet). The main
 * greenlet of each thread has its own value. Values are held only as long as their greenlet is reachable.
 * <pre>{@code
 * static final Local<String> REQUEST_ID = new Local<>();
 * Scheduler.schedule(() -> {
 *     REQUEST_ID.set("r-1");
 *     Scheduler.pause();
 *     assert REQUEST_ID.get().equals("r-1");
 * });
 * }</pre>
 *
 * <p>Threading: a {@code Local} is not bound to a hub: any thread may use it, and each greenlet (of any
 * hub) sees its own value, as each thread sees its own {@code ThreadLocal} value.
 *
 * <p>Differences from greenhouse: a value is one typed slot, not a set of attributes; reading an unset
 * value returns the initial value (greenhouse raises {@code AttributeError}); {@link #remove()} exists.
 *
 * @param <T> the type of the value
 */
public class Local<T> {
    private static final Supplier<Object> NULL = () -> null;

    private final Supplier<? extends T> initial;   // immutable
    private final ThreadLocal<Map<Greenlet, T>> values = ThreadLocal.withInitial(WeakHashMap::new); // per thread

    /** Creates a greenlet-local variable whose initial value is {@code null}. */
    @SuppressWarnings("unchecked")
    public Local() {
        this((Supplier<? extends T>) NULL);
    }

    private Local(Supplier<? extends T> initial) {
        this.initial = initial;
    }

    /**
     * Creates a greenlet-local variable whose initial value, per greenlet, is {@code initial.get()}.
     *
     * @param initial makes each greenlet's first value, on its first {@link #get()}
     * @param <T> the type of the value
     * @return a new greenlet-local variable
     */
    public static <T> Local<T> withInitial(Supplier<? extends T> initial) {
        return new Local<>(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * The current greenlet's value; the initial value if it has not set one (or removed it).
     *
     * @return the value of the current greenlet
     */
    public T get() {
        Map<Greenlet, T> map = values.get();
        Greenlet me = Scheduler.current();
        if (map.containsKey(me)) {
            return map.get(me);
        }
        T value = initial.get();
        map.put(me, value);
        return value;
    }

    /**
     * Sets the current greenlet's value.
     *
     * @param value the new value; null is a value too
     */
    public void set(T value) {
        values.get().put(Scheduler.current(), value);
    }

    /** Removes the current greenlet's value; its next {@link #get()} returns the initial value again. */
    public void remove() {
        values.get().remove(Scheduler.current());
    }
}
