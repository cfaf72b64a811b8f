package io.greenhouse.internal.backend;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a greenlet's JDK continuation could not yield, in words: the JDK's reason ({@code "Pinned: NATIVE"},
 * {@code MONITOR}, {@code CRITICAL_SECTION}, {@code EXCEPTION}) and the frame of the greenlet's stack that
 * causes it, found by walking that stack once the yield has failed (never on a successful switch).
 *
 * <p>Which JDKs pin where: every JDK pins on a native frame (a class initializer runs under one, and so does a
 * callback from native code: a JNI upcall or a foreign function's upcall) and inside the JDK's own critical
 * sections; JDK 21 to 23 also pin while a monitor is held (inside {@code synchronized}), JDK 24 and later do
 * not (JEP 491).
 */
final class Pinning {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** The same stack with the JVM's hidden frames, where a foreign function's upcall and downcall show. */
    private static final StackWalker HIDDEN = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));
    /** The class-name prefixes of the JDK's stubs around a foreign (native) function call (JDK 22+). */
    private static final String UPCALL = "jdk.internal.foreign.abi.UpcallStub";
    private static final String DOWNCALL = "jdk.internal.foreign.abi.DowncallStub";
    /** How many frames of the greenlet's stack a message lists. */
    private static final int SHOWN = 12;

    private Pinning() {
    }

    /** The message for a yield the JDK refused with {@code jdkMessage} (null: it only returned false). */
    static String explain(String jdkMessage) {
        List<StackWalker.StackFrame> frames = greenletFrames();
        String stack = " Greenlet stack: " + describe(frames);
        if (jdkMessage == null || !jdkMessage.startsWith("Pinned: ")) {
            return "a greenlet cannot suspend here: the JDK refused to suspend its continuation on "
                    + Runtime.version() + " (" + jdkMessage + ")." + stack;
        }
        String reason = jdkMessage.substring("Pinned: ".length());
        String head = "a greenlet cannot suspend here: its JDK continuation is pinned (" + reason + ") on "
                + Runtime.version() + ". ";
        switch (reason) {
            case "NATIVE":
                return head + nativeFrame(frames) + stack;
            case "MONITOR":
                return head + monitor(frames) + stack;
            case "CRITICAL_SECTION":
                return head + "It is inside a critical section of the JDK (jdk.internal.vm.Continuation.pin), in "
                        + "which nothing may suspend: call the suspending code outside that JDK call." + stack;
            case "EXCEPTION":
                return head + "The JVM ran out of memory or stack while freezing the greenlet's frames." + stack;
            default:
                return head + stack;
        }
    }

    /** The native frame or class initializer that pins the continuation. */
    private static String nativeFrame(List<StackWalker.StackFrame> frames) {
        Optional<StackWalker.StackFrame> init = frames.stream()
                .filter(f -> f.getMethodName().equals("<clinit>")).findFirst();
        if (init.isPresent()) {
            return "It runs inside a class initializer, " + init.get() + " (the JVM runs static initializers "
                    + "under a native frame, which no continuation can suspend): move the suspending call out of "
                    + "the static initializer (a static block, a static field's initial value).";
        }
        Optional<StackWalker.StackFrame> nat = frames.stream().filter(StackWalker.StackFrame::isNativeMethod)
                .findFirst();
        if (nat.isPresent()) {
            return "It runs inside a native method, " + nat.get() + ", which no continuation can suspend: call "
                    + "the suspending code outside the native call.";
        }
        return foreignCall().orElse("A native frame the stack walk cannot show (a JNI upcall, or the JVM's own) "
                + "is on its stack: call the suspending code outside it.");
    }

    /**
     * A foreign function's callback on the stack (java.lang.foreign: the native function called back into
     * Java): the callback and the frame that called the native function, found through the JDK's hidden stub
     * frames; empty if there is none (or this JDK names its stubs differently).
     */
    private static Optional<String> foreignCall() {
        List<StackWalker.StackFrame> all = HIDDEN.walk(s -> s
                .dropWhile(f -> f.getDeclaringClass() == Pinning.class || f.getDeclaringClass() == JdkBackend.class)
                .takeWhile(f -> f.getDeclaringClass() != JdkCoroutine.class)
                .collect(Collectors.toList()));
        int up = indexOf(all, UPCALL, 0);
        int down = up < 0 ? -1 : indexOf(all, DOWNCALL, up);
        if (down < 0) {
            return Optional.empty();
        }
        Optional<StackWalker.StackFrame> callback = all.subList(0, up).stream().filter(f -> !isPlumbing(f))
                .reduce((first, second) -> second);
        Optional<StackWalker.StackFrame> caller = all.subList(down, all.size()).stream()
                .filter(f -> !isPlumbing(f)).findFirst();
        return Optional.of("It runs inside a callback from native code: " + callback.map(Object::toString)
                .orElse("a callback") + " was called by a native function (a foreign function's upcall), which "
                + caller.map(Object::toString).orElse("a caller") + " called, and no continuation can suspend "
                + "through a native frame: suspend after the native function returns, not inside its callback.");
    }

    /** The index of the first frame from {@code from} whose class name starts with {@code prefix}, or -1. */
    private static int indexOf(List<StackWalker.StackFrame> frames, String prefix, int from) {
        for (int i = from; i < frames.size(); i++) {
            if (frames.get(i).getClassName().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** A frame of the JDK's method-handle or foreign-call machinery rather than of the program. */
    private static boolean isPlumbing(StackWalker.StackFrame f) {
        String c = f.getClassName();
        return c.startsWith("java.lang.invoke.") || c.startsWith("jdk.internal.foreign.");
    }

    /** The held monitor (JDK 21 to 23): synchronized methods on the stack, or the frames a block may be in. */
    private static String monitor(List<StackWalker.StackFrame> frames) {
        List<String> synchronizedMethods = frames.stream().filter(Pinning::isSynchronized)
                .map(Object::toString).collect(Collectors.toList());
        String where = synchronizedMethods.isEmpty()
                ? "a synchronized block in one of the frames below holds a monitor"
                : "it holds the monitor of synchronized " + String.join(", ", synchronizedMethods)
                        + " (or of a synchronized block below)";
        return "JDK " + Runtime.version().feature() + " pins a continuation while it holds a monitor: " + where
                + ". Use a greenlet lock (io.greenhouse.util.Lock) instead of synchronized around the suspending "
                + "call, or run on JDK 24 or newer, which suspends inside synchronized (JEP 491).";
    }

    private static boolean isSynchronized(StackWalker.StackFrame f) {
        String name = f.getMethodName();
        String descriptor = f.getDescriptor();
        for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isSynchronized(m.getModifiers())
                    && java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                            .toMethodDescriptorString().equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The greenlet's own frames: from the park call site down to its body, without the backend's frames above
     * them or the continuation's entry below.
     */
    private static List<StackWalker.StackFrame> greenletFrames() {
        return WALKER.walk(s -> s
                .dropWhile(f -> f.getDeclaringClass() == Pinning.class || f.getDeclaringClass() == JdkBackend.class)
                .takeWhile(f -> f.getDeclaringClass() != JdkCoroutine.class)
                .collect(Collectors.toList()));
    }

    private static String describe(List<StackWalker.StackFrame> frames) {
        String shown = frames.stream().limit(SHOWN).map(Object::toString).collect(Collectors.joining(" <- "));
        return frames.size() > SHOWN ? shown + " <- ... (" + (frames.size() - SHOWN) + " more)" : shown;
    }
}
