package io.greenhouse.internal;

import java.util.Arrays;

/**
 * A greenlet's context ({@link io.greenhouse.ContextKey} values) as an immutable array of key and value
 * pairs, {@code [k0, v0, k1, v1, ...]}, null when empty. A child greenlet inherits its creator's array by
 * reference (nothing is copied per greenlet); setting a value makes a new array. Keys are compared by
 * identity; a context holds a handful of keys, so a linear scan is the fastest lookup.
 */
public final class ContextValues {
    private ContextValues() {
    }

    /**
     * The value of {@code key} in {@code context}, or null.
     *
     * @param context key and value pairs, or null
     * @param key the key
     * @return its value, or null
     */
    public static Object get(Object[] context, Object key) {
        if (context != null) {
            for (int i = 0; i < context.length; i += 2) {
                if (context[i] == key) {
                    return context[i + 1];
                }
            }
        }
        return null;
    }

    /**
     * A context like {@code context} with {@code key} set to {@code value} (removed if null).
     *
     * @param context key and value pairs, or null; not modified
     * @param key the key
     * @param value its new value, or null to remove it
     * @return a new array (or null when empty)
     */
    public static Object[] with(Object[] context, Object key, Object value) {
        int n = context == null ? 0 : context.length;
        for (int i = 0; i < n; i += 2) {
            if (context[i] == key) {
                if (value == null) {
                    if (n == 2) {
                        return null;
                    }
                    Object[] shorter = new Object[n - 2];
                    System.arraycopy(context, 0, shorter, 0, i);
                    System.arraycopy(context, i + 2, shorter, i, n - i - 2);
                    return shorter;
                }
                Object[] copy = context.clone();
                copy[i + 1] = value;
                return copy;
            }
        }
        if (value == null) {
            return context;
        }
        Object[] longer = n == 0 ? new Object[2] : Arrays.copyOf(context, n + 2);
        longer[n] = key;
        longer[n + 1] = value;
        return longer;
    }

    /**
     * {@code "key=value, ..."} for reports, or null when empty.
     *
     * @param context key and value pairs, or null
     * @return the description, or null
     */
    public static String describe(Object[] context) {
        if (context == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < context.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(context[i]).append('=').append(context[i + 1]);
        }
        return sb.toString();
    }
}
