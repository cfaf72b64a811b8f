package io.greenhouse.quasar.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A suspendable method Quasar's instrumenter refuses to instrument, as a message that names the method, its
 * source line, the cause and the rewrite that fixes it. Quasar itself only logs such a refusal and leaves the
 * method as it was, which would make it run again from the top every time it resumes. Used by
 * {@code AotInstrumenter}, which fails the build with it, and by {@link QuasarLogging} for the agent's log.
 *
 * <p>Threading: stateless.
 */
public final class InstrumentationRefusal {
    private InstrumentationRefusal() {
    }

    /**
     * The message for Quasar's refusal {@code reason} (the text after "because of" in its
     * {@code UnableToInstrumentException}) of {@code method}{@code descriptor} in the class file {@code classFile}.
     *
     * @param classFile the bytes of the class, to find the method's first line
     * @param method the method's name
     * @param descriptor the method's descriptor
     * @param reason Quasar's reason
     * @return the message: class, method, line, cause and fix
     */
    public static String describe(byte[] classFile, String method, String descriptor, String reason) {
        ClassNode type = new ClassNode();
        new ClassReader(classFile).accept(type, ClassReader.SKIP_FRAMES);
        MethodNode code = type.methods.stream()
                .filter(m -> m.name.equals(method) && m.desc.equals(descriptor))
                .findFirst().orElse(null);
        return message(type.name, method, descriptor, " (" + (type.sourceFile == null ? "unknown source"
                : type.sourceFile) + (code == null ? "" : ":" + line(code, reason)) + ")", reason);
    }

    /**
     * {@link #describe} without the class file: no source line.
     *
     * @param className the class's binary name
     * @param method the method's name
     * @param descriptor the method's descriptor
     * @param reason Quasar's reason
     * @return the message: class, method, cause and fix
     */
    public static String describe(String className, String method, String descriptor, String reason) {
        return message(className, method, descriptor, "", reason);
    }

    private static String message(String className, String method, String descriptor, String source, String reason) {
        return className.replace('/', '.') + "." + method + descriptor + source + " cannot be instrumented: " + reason
                + ". " + fix(reason);
    }

    /**
     * The refusal reason in the message of Quasar's {@code UnableToInstrumentException}.
     *
     * @param exceptionMessage the exception's message
     * @return the reason, or the whole message if it names none
     */
    public static String reason(String exceptionMessage) {
        int because = exceptionMessage.indexOf(" because of ");
        return because < 0 ? exceptionMessage : exceptionMessage.substring(because + " because of ".length());
    }

    private static String fix(String reason) {
        if (reason.startsWith("special method")) {
            return "A constructor or static initializer cannot suspend: call the suspendable code before `new` "
                    + "and pass its result to the constructor, or make a static factory method";
        }
        if (reason.startsWith("synchronization")) {
            return "A suspendable method cannot hold a monitor: use io.greenhouse.util.Lock instead of "
                    + "synchronized, or move the synchronized block into a method that does not suspend";
        }
        if (reason.startsWith("blocking call")) {
            return "It blocks the hub's thread: use Scheduler.pauseFor instead of Thread.sleep, Greenlet.join or "
                    + "an io.greenhouse.util primitive instead of Thread.join and Object.wait";
        }
        if (reason.startsWith("catch for")) {
            return "Catch the exceptions you expect, not SuspendExecution (or UndeclaredThrowableException): "
                    + "greenlet code never needs to see them";
        }
        return "Rewrite the method so that it does not need this, or keep it from being suspendable";
    }

    /** The source line of what the refusal is about, else the method's first line; 0 when unknown. */
    private static int line(MethodNode code, String reason) {
        int line = 0;
        int first = 0;
        boolean atHandler = false;   // the cause is a handler label; its line number follows it
        for (AbstractInsnNode insn : code.instructions) {
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
                first = first == 0 ? line : first;
                if (atHandler) {
                    return line;
                }
            } else if (!atHandler && isCause(code, insn, reason)) {
                if (!(insn instanceof LabelNode)) {
                    return line;
                }
                atHandler = true;
            }
        }
        return first;
    }

    private static boolean isCause(MethodNode code, AbstractInsnNode insn, String reason) {
        if (reason.startsWith("synchronization")) {
            return insn.getOpcode() == Opcodes.MONITORENTER;
        }
        if (reason.startsWith("blocking call to ") && insn instanceof MethodInsnNode) {
            MethodInsnNode call = (MethodInsnNode) insn;
            return reason.startsWith("blocking call to " + call.owner + "#" + call.name + call.desc);
        }
        if (reason.startsWith("catch for ")) {
            for (TryCatchBlockNode handler : code.tryCatchBlocks) {
                if (handler.handler == insn && handler.type != null
                        && reason.endsWith(handler.type.substring(handler.type.lastIndexOf('/') + 1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
