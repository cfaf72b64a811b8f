package io.greenhouse.internal.backend;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a greenlet's JDK continuation could not yield, in words: the JDK's reason ({@code "Pinned: NATIVE"},
 * {@code MONITOR}, {@code CRITICAL_SECTION}, {@code EXCEPTION}) and the frame of the greenlet's stack that
 * causes it, found by walking that stack once the yield has failed (never on a successful switch).
 *
 * <p>Which JDKs pin where: every JDK pins on a native frame (a class initializer runs under one) and inside the
 * JDK's own critical sections; JDK 21 to 23 also pin while a monitor is held (inside {@code synchronized}),
 * JDK 24 and later do not (JEP 491).
 */
final class Pinning {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
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
        return nat.map(f -> "It runs inside a native method, " + f + ", which no continuation can suspend: call "
                        + "the suspending code outside the native call.")
                .orElse("A native frame the stack walk cannot show (a JNI upcall, or the JVM's own) is on its "
                        + "stack: call the suspending code outside it.");
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
