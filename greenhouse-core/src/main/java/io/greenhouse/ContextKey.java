package io.greenhouse;

import java.util.Objects;

import io.greenhouse.internal.ContextValues;
import io.greenhouse.internal.Loop;
import io.greenhouse.internal.Strand;

/**
 * A key into greenlets' inherited context: a value set for a greenlet is seen by every greenlet it creates
 * afterwards, and by the greenlets they create, transitively. The greenlet twin of
 * {@link InheritableThreadLocal}, for what belongs to a whole tree of greenlets: a request id, a tenant, a
 * simulated host.
 * <pre>{@code
 * static final ContextKey<String> REQUEST_ID = new ContextKey<>("request-id");
 *
 * REQUEST_ID.set("r-42");                               // on the current greenlet
 * Scheduler.schedule(() -> log(REQUEST_ID.get()));      // "r-42": inherited
 * }</pre>
 *
 * <p>Model: each greenlet has a context, an immutable set of key and value pairs. A new greenlet starts with
 * the context of the greenlet that created it ({@link Scheduler#greenlet}, {@code schedule}, {@code scheduleAt},
 * {@code scheduleIn}, and every run of a {@code scheduleRecurring} series gets the context of the greenlet that
 * called it); inheriting costs one reference, nothing is copied. {@link #set} replaces the greenlet's context
 * with a new one, so greenlets created earlier keep what they had. A main greenlet starts with an empty
 * context, and so does work handed over from other threads with {@link Hub#execute}. Values should be
 * immutable: they are shared by every greenlet that inherits them. Keys compare by identity; make them
 * {@code static final}.
 *
 * <p>Differences from {@link io.greenhouse.util.Local}: a {@code Local} value belongs to one greenlet and is
 * not inherited.
 *
 * <p>Threading: every method MUST be called on the hub's thread ({@link IllegalStateException} otherwise).
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {
    private final String name;   // immutable

    /**
     * A new key; {@code name} is for reports (deadlock messages show a greenlet's context).
     *
     * @param name the key's name, shown in reports; any string
     */
    public ContextKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The key's name.
     *
     * @return the name given to the constructor
     */
    public String name() {
        return name;
    }

    /**
     * The current greenlet's value, or null if none is set (nor inherited).
     *
     * @return the value for the current greenlet, or null
     */
    public T get() {
        return get(Hub.checkedLoop().running());
    }

    /**
     * {@code greenlet}'s value, or null if none is set (nor inherited).
     *
     * @param greenlet the greenlet whose value to read, of the calling thread's hub
     * @return its value, or null
     */
    public T get(Greenlet greenlet) {
        return get(own(greenlet));
    }

    /**
     * Sets the current greenlet's value ({@code null} removes it); greenlets it creates from now on inherit
     * it.
     *
     * @param value the new value, or null to remove it
     */
    public void set(T value) {
        set(Hub.checkedLoop().running(), value);
    }

    /**
     * Sets {@code greenlet}'s value ({@code null} removes it), for instance before it is scheduled; greenlets
     * it creates from now on inherit it.
     *
     * @param greenlet the greenlet whose value to set, of the calling thread's hub
     * @param value the new value, or null to remove it
     */
    public void set(Greenlet greenlet, T value) {
        set(own(greenlet), value);
    }

    @SuppressWarnings("unchecked")
    private T get(Strand s) {
        return (T) ContextValues.get(s.context(), this);
    }

    private void set(Strand s, T value) {
        s.setContext(ContextValues.with(s.context(), this, value));
    }

    private static Strand own(Greenlet g) {
        Objects.requireNonNull(g, "greenlet");
        Loop loop = Hub.checkedLoop();
        Strand s = g.strand();
        loop.checkOwn(s);
        return s;
    }

    /** The name, as it appears in reports. */
    @Override
    public String toString() {
        return name;
    }
}
