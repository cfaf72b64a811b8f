package io.greenhouse.quasar.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.AccessControlContext;
import java.util.HashMap;
import java.util.Map;

/**
 * What Quasar's fibers call in place of Quasar's {@code co.paralleluniverse.concurrent.util.ThreadAccess}
 * (QuasarPatcher redirects every call, so Quasar's class is never loaded): access to the private {@link Thread}
 * fields that Quasar's fibers swap when they mount on a carrier thread (thread locals, inheritable
 * thread locals, context class loader, inherited access control context, the runnable target).
 *
 * <p>Quasar 0.8.0's version has the same methods, but its static initialiser fails on JDK 19+ because
 * {@code Thread.target} no longer exists. Here every field that a JDK may lack
 * ({@code target} since JDK 19, {@code inheritedAccessControlContext} since JDK 24) is optional: reading
 * a missing one gives {@code null} and writing it does nothing. The thread-local fields are mandatory,
 * and need {@code --add-opens java.base/java.lang=ALL-UNNAMED}; without it this class fails with a
 * message that names the flag.
 */
public final class ThreadAccess {
    private static final VarHandle TARGET;                 // null when the JDK has no Thread.target
    private static final VarHandle THREAD_LOCALS;
    private static final VarHandle INHERITABLE_THREAD_LOCALS;
    private static final VarHandle CONTEXT_CLASS_LOADER;
    private static final VarHandle INHERITED_ACC;          // null when the JDK has no such field

    private static final Class<?> MAP_CLASS;
    private static final Constructor<?> MAP_WITH_FIRST_ENTRY;   // ThreadLocalMap(ThreadLocal, Object)
    private static final Method MAP_SET;                        // ThreadLocalMap.set(ThreadLocal, Object)
    private static final Method CREATE_INHERITED_MAP;           // ThreadLocal.createInheritedMap(map)
    private static final Field MAP_TABLE;                       // ThreadLocalMap.table
    private static final Field ENTRY_VALUE;                     // ThreadLocalMap.Entry.value

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            TARGET = optionalHandle(lookup, "target");
            THREAD_LOCALS = lookup.unreflectVarHandle(Thread.class.getDeclaredField("threadLocals"));
            INHERITABLE_THREAD_LOCALS = lookup.unreflectVarHandle(
                    Thread.class.getDeclaredField("inheritableThreadLocals"));
            CONTEXT_CLASS_LOADER = lookup.unreflectVarHandle(Thread.class.getDeclaredField("contextClassLoader"));
            INHERITED_ACC = optionalHandle(lookup, "inheritedAccessControlContext");

            MAP_CLASS = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            MAP_WITH_FIRST_ENTRY = open(MAP_CLASS.getDeclaredConstructor(ThreadLocal.class, Object.class));
            MAP_SET = open(MAP_CLASS.getDeclaredMethod("set", ThreadLocal.class, Object.class));
            CREATE_INHERITED_MAP = open(ThreadLocal.class.getDeclaredMethod("createInheritedMap", MAP_CLASS));
            MAP_TABLE = open(MAP_CLASS.getDeclaredField("table"));
            ENTRY_VALUE = open(Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry").getDeclaredField("value"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "Quasar fibers cannot reach java.lang.Thread's private fields on this JDK ("
                            + System.getProperty("java.version") + "); run the JVM with "
                            + "--add-opens java.base/java.lang=ALL-UNNAMED (see the Greenhouse README, Requirements)",
                    e));
        }
    }

    private ThreadAccess() {
    }

    private static VarHandle optionalHandle(MethodHandles.Lookup lookup, String field) throws IllegalAccessException {
        try {
            return lookup.unreflectVarHandle(Thread.class.getDeclaredField(field));
        } catch (NoSuchFieldException absent) {
            return null;
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T open(T member) {
        member.setAccessible(true);
        return member;
    }

    /**
     * The thread's {@code Runnable} target, or null when this JDK does not keep one in a field.
     *
     * @param thread the thread whose field to read or write
     * @return the target, or null
     */
    public static Runnable getTarget(Thread thread) {
        return TARGET == null ? null : (Runnable) TARGET.get(thread);
    }

    /**
     * Sets the thread's {@code Runnable} target; does nothing when this JDK does not keep one in a field.
     *
     * @param thread the thread whose field to read or write
     * @param target the new target
     */
    public static void setTarget(Thread thread, Runnable target) {
        if (TARGET != null) {
            TARGET.set(thread, target);
        }
    }

    /**
     * The thread's map of thread-local values ({@code Thread.threadLocals}), which a fiber swaps in while it runs.
     *
     * @param thread the thread whose field to read or write
     * @return the map, or null if the thread has none yet
     */
    public static Object getThreadLocals(Thread thread) {
        return THREAD_LOCALS.get(thread);
    }

    /**
     * Sets the thread's map of thread-local values ({@code Thread.threadLocals}).
     *
     * @param thread the thread whose field to read or write
     * @param map the map, a {@code ThreadLocal.ThreadLocalMap}, or null
     */
    public static void setThreadLocals(Thread thread, Object map) {
        THREAD_LOCALS.set(thread, map);
    }

    /**
     * The thread's map of inheritable thread-local values ({@code Thread.inheritableThreadLocals}).
     *
     * @param thread the thread whose field to read or write
     * @return the map, or null if the thread has none yet
     */
    public static Object getInheritableThreadLocals(Thread thread) {
        return INHERITABLE_THREAD_LOCALS.get(thread);
    }

    /**
     * Sets the thread's map of inheritable thread-local values ({@code Thread.inheritableThreadLocals}).
     *
     * @param thread the thread whose field to read or write
     * @param map the map, a {@code ThreadLocal.ThreadLocalMap}, or null
     */
    public static void setInheritableThreadLocals(Thread thread, Object map) {
        INHERITABLE_THREAD_LOCALS.set(thread, map);
    }

    /**
     * The thread's context class loader, read from its field without a security check.
     *
     * @param thread the thread whose field to read or write
     * @return the class loader, or null
     */
    public static ClassLoader getContextClassLoader(Thread thread) {
        return (ClassLoader) CONTEXT_CLASS_LOADER.get(thread);
    }

    /**
     * Sets the thread's context class loader in its field, without a security check.
     *
     * @param thread the thread whose field to read or write
     * @param loader the class loader, or null
     */
    public static void setContextClassLoader(Thread thread, ClassLoader loader) {
        CONTEXT_CLASS_LOADER.set(thread, loader);
    }

    /**
     * The inherited access control context, or null when this JDK has none.
     *
     * @param thread the thread whose field to read or write
     * @return the context, or null
     */
    @SuppressWarnings("removal")
    public static AccessControlContext getInheritedAccessControlContext(Thread thread) {
        return INHERITED_ACC == null ? null : (AccessControlContext) INHERITED_ACC.get(thread);
    }

    /**
     * Sets the inherited access control context; does nothing when this JDK has none.
     *
     * @param thread the thread whose field to read or write
     * @param context the new context
     */
    @SuppressWarnings("removal")
    public static void setInheritedAccessControlContext(Thread thread, AccessControlContext context) {
        if (INHERITED_ACC != null) {
            INHERITED_ACC.set(thread, context);
        }
    }

    /**
     * A new thread-local map inheriting the inheritable values of {@code parentMap}, as a child thread would.
     *
     * @param parentMap the parent's inheritable map, a {@code ThreadLocal.ThreadLocalMap}
     * @return a new map
     */
    public static Object createInheritedMap(Object parentMap) {
        try {
            return CREATE_INHERITED_MAP.invoke(null, parentMap);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an inherited thread-local map", e);
        }
    }

    /**
     * A shallow copy of a thread-local map (same keys, same values), or null for null.
     *
     * @param map a {@code ThreadLocal.ThreadLocalMap}, or null
     * @return the copy, or null
     */
    public static Object cloneThreadLocalMap(Object map) {
        if (map == null) {
            return null;
        }
        Object copy = null;
        for (Map.Entry<ThreadLocal, Object> e : toMap(map).entrySet()) {
            try {
                if (copy == null) {
                    copy = MAP_WITH_FIRST_ENTRY.newInstance(e.getKey(), e.getValue());
                } else {
                    MAP_SET.invoke(copy, e.getKey(), e.getValue());
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot copy a thread-local map", ex);
            }
        }
        return copy;
    }

    /**
     * The live entries of a thread-local map, keyed by their {@code ThreadLocal}.
     *
     * @param map a {@code ThreadLocal.ThreadLocalMap}
     * @return its entries, in a new map
     */
    @SuppressWarnings("rawtypes")
    public static Map<ThreadLocal, Object> toMap(Object map) {
        Map<ThreadLocal, Object> result = new HashMap<>();
        if (map == null) {
            return result;
        }
        try {
            Object table = MAP_TABLE.get(map);
            if (table == null) {
                return result;
            }
            for (int i = 0, n = Array.getLength(table); i < n; i++) {
                Object entry = Array.get(table, i);
                if (entry != null) {
                    ThreadLocal key = (ThreadLocal) ((java.lang.ref.Reference<?>) entry).get();
                    if (key != null) {
                        result.put(key, ENTRY_VALUE.get(entry));
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a thread-local map", e);
        }
        return result;
    }
}
