package io.greenhouse.quasar.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Set;

import co.paralleluniverse.fibers.instrument.Classes;
import co.paralleluniverse.fibers.instrument.MethodDatabase;
import co.paralleluniverse.fibers.instrument.UnableToInstrumentException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Greenhouse's answers to five questions Quasar 0.8.0's instrumenter asks, called from Quasar's own methods
 * once {@code io.greenhouse.quasar.QuasarPatcher} has patched them (see its class comment). The package-private
 * parts of Quasar these answers need come in as arguments, computed by the patched Quasar method that calls
 * them ({@code MethodDatabase}'s monitor and blocking settings, {@code InstrumentClass.hasSuspendableMethods()}),
 * except {@code Classes.isYieldMethod}, reached once through a private lookup into Quasar's package.
 *
 * <ul>
 *   <li>{@link #isForwardingToSuspendable}: may a method be left uninstrumented? Quasar leaves a method whose
 *       only suspendable call is preceded by code it takes to be free to re-run uninstrumented: on resume
 *       the method runs again from its first instruction. Only instructions whose second run computes the
 *       same values and changes nothing outside the frame qualify here.</li>
 *   <li>{@link #isNonSuspendableBootstrap}: is an {@code invokedynamic} call site certainly not
 *       suspendable?</li>
 *   <li>{@link #isObjectMethodThroughInterface}: is {@code iface.getClass()} a suspendable call?</li>
 *   <li>{@link #isReported}: is a class that failed to instrument worth reporting?</li>
 *   <li>{@link #executeDup}: the analyzer's {@code DUP}, as the ASM version Quasar was written for
 *       computed it.</li>
 * </ul>
 * Threading: stateless; called by the instrumenter on whichever thread loads or instruments a class.
 */
public final class InstrumentRules {
    /**
     * Bootstrap classes of {@code invokedynamic} sites that can never suspend: lambdas, string
     * concatenation, records' {@code toString/equals/hashCode}, pattern {@code switch}. Whatever user code
     * they reach ({@code toString()} of a concatenated value) is called from JDK frames, which cannot
     * suspend anyway, exactly as with the {@code StringBuilder} code javac emits with
     * {@code -XDstringConcat=inline}.
     */
    private static final Set<String> NON_SUSPENDABLE_BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory",
            "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps");

    /** Quasar's package-private {@code Classes.isYieldMethod(String owner, String name)}. */
    private static final MethodHandle IS_YIELD_METHOD;

    static {
        try {
            IS_YIELD_METHOD = MethodHandles.privateLookupIn(Classes.class, MethodHandles.lookup()).findStatic(
                    Classes.class, "isYieldMethod", MethodType.methodType(boolean.class, String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "greenhouse-quasar cannot reach Quasar's Classes.isYieldMethod(String, String); the Quasar "
                            + "classes in the jar are not the 0.8.0 ones greenhouse-quasar was built for", e));
        }
    }

    private InstrumentRules() {
    }

    /**
     * Replaces {@code String.equals} in Quasar's test {@code bootstrapOwner.equals("java/lang/invoke/LambdaMetafactory")}:
     * true when the bootstrap method's class is one whose call sites cannot suspend.
     *
     * @param bootstrapOwner the internal name of the bootstrap method's class
     * @param lambdaMetafactory the string Quasar compared it with, unused
     * @return true if the {@code invokedynamic} call site cannot suspend
     */
    public static boolean isNonSuspendableBootstrap(String bootstrapOwner, Object lambdaMetafactory) {
        return NON_SUSPENDABLE_BOOTSTRAPS.contains(bootstrapOwner);
    }

    /**
     * Replaces {@code InstrumentMethod.isForwardingToSuspendable}: whether the method {@code mn}, whose
     * suspendable call sites are at {@code callSites}, can run uninstrumented. That is true only when it has
     * exactly one suspendable call, that call is not {@code Fiber.park}-like or reflective, no exception
     * handler can see the suspension or jump back before it, every instruction before the call is free to
     * re-run (see {@link #isFreeToRepeat}), and nothing after the call reaches the call again.
     *
     * @param mn the method
     * @param callSites the instruction indexes of its suspendable call sites
     * @param allowMonitors Quasar's {@code MethodDatabase.isAllowMonitors()}: whether instrumenting lets
     *        {@code synchronized} code pass
     * @param allowBlocking Quasar's {@code MethodDatabase.isAllowBlocking()}: whether instrumenting lets
     *        thread-blocking calls pass
     * @return true if the method may stay uninstrumented
     */
    public static boolean isForwardingToSuspendable(MethodNode mn, int[] callSites, boolean allowMonitors,
                                                    boolean allowBlocking) {
        if (callSites.length != 1) {
            return false;
        }
        InsnList code = mn.instructions;
        int call = callSites[0];
        AbstractInsnNode callInsn = code.get(call);
        String owner = callInsn instanceof MethodInsnNode ? ((MethodInsnNode) callInsn).owner : null;
        String name = callInsn instanceof MethodInsnNode ? ((MethodInsnNode) callInsn).name
                : ((InvokeDynamicInsnNode) callInsn).name;
        if (isYieldMethod(owner, name) || MethodDatabase.isReflectInvocation(owner, name)) {
            return false;   // yields are skipped on resume; reflective calls wrap SuspendExecution
        }
        for (TryCatchBlockNode block : mn.tryCatchBlocks) {
            int end = code.indexOf(block.end);
            // A handler around the call (a catch of any type, or a finally) would run on every suspension;
            // one placed before the call, for code after it, would run the call again.
            if (code.indexOf(block.start) <= call && end >= call || end > call && code.indexOf(block.handler) <= call) {
                return false;
            }
        }
        for (int i = 0; i < call; i++) {
            if (!isFreeToRepeat(code, i)) {
                return false;
            }
        }
        for (int i = call + 1; i < code.size(); i++) {
            AbstractInsnNode insn = code.get(i);
            if (jumpsTo(code, insn, call)) {
                return false;   // the call would run more than once
            }
            int opcode = insn.getOpcode();
            if (!allowMonitors && (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT)) {
                return false;   // instrumenting reports the synchronization
            }
            if (!allowBlocking && insn instanceof MethodInsnNode && isBlockingCall((MethodInsnNode) insn)) {
                return false;   // instrumenting reports the blocking call
            }
        }
        return true;
    }

    /**
     * Whether the instruction at {@code index}, before the method's only suspendable call, computes the same
     * thing when the method runs again from the top with the same arguments, and changes nothing but the
     * frame: constants, local variables, arithmetic, stack shuffles, type checks, array lengths, returns and
     * throws, forward branches, and {@code NEW} (the object cannot be initialized before the call, since
     * that is a method call, so it cannot escape either). Reads and writes of fields and array elements,
     * array allocation, calls and monitors do not qualify.
     */
    private static boolean isFreeToRepeat(InsnList code, int index) {
        AbstractInsnNode insn = code.get(index);
        int opcode = insn.getOpcode();
        switch (insn.getType()) {
            case AbstractInsnNode.LABEL:
            case AbstractInsnNode.LINE:
            case AbstractInsnNode.FRAME:
            case AbstractInsnNode.IINC_INSN:
            case AbstractInsnNode.LDC_INSN:     // constants resolve to the same value every time
                return true;
            case AbstractInsnNode.VAR_INSN:     // xLOAD, xSTORE; RET belongs to the JSR subroutines of old classes
                return opcode != Opcodes.RET;
            case AbstractInsnNode.INT_INSN:
                return opcode != Opcodes.NEWARRAY;
            case AbstractInsnNode.TYPE_INSN:
                return opcode != Opcodes.ANEWARRAY;
            case AbstractInsnNode.INSN:
                return !(opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD)
                        && !(opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE)
                        && opcode != Opcodes.MONITORENTER && opcode != Opcodes.MONITOREXIT;
            case AbstractInsnNode.JUMP_INSN:
            case AbstractInsnNode.TABLESWITCH_INSN:
            case AbstractInsnNode.LOOKUPSWITCH_INSN:
                return opcode != Opcodes.JSR && !jumpsTo(code, insn, index);
            default:                            // fields, calls, invokedynamic, MULTIANEWARRAY
                return false;
        }
    }

    /** Whether {@code insn} is a jump or switch with a target at or before instruction {@code limit}. */
    private static boolean jumpsTo(InsnList code, AbstractInsnNode insn, int limit) {
        if (insn instanceof JumpInsnNode) {
            return code.indexOf(((JumpInsnNode) insn).label) <= limit;
        }
        List<LabelNode> labels;
        LabelNode fallback;
        if (insn instanceof TableSwitchInsnNode) {
            labels = ((TableSwitchInsnNode) insn).labels;
            fallback = ((TableSwitchInsnNode) insn).dflt;
        } else if (insn instanceof LookupSwitchInsnNode) {
            labels = ((LookupSwitchInsnNode) insn).labels;
            fallback = ((LookupSwitchInsnNode) insn).dflt;
        } else {
            return false;
        }
        if (code.indexOf(fallback) <= limit) {
            return true;
        }
        for (LabelNode label : labels) {
            if (code.indexOf(label) <= limit) {
                return true;
            }
        }
        return false;
    }

    /**
     * Prefixed to {@code MethodDatabase.isMethodSuspendable}: true (not suspendable) for a call through an
     * interface to one of {@code java.lang.Object}'s methods that neither the interface nor its
     * super-interfaces declare, such as {@code listener.getClass()}. Quasar looks such calls up in the
     * interfaces only, does not find them, and assumes "suspendable" with a warning; a call on a class type
     * ends at {@code java.lang.Object}, a JDK class, and is not suspendable, and so is this one now.
     *
     * @param db Quasar's method database
     * @param owner the internal name of the call's owner type
     * @param name the method's name
     * @param descriptor the method's descriptor
     * @param opcode the call's opcode
     * @return true if the call is one to {@code Object}'s method through an interface, which never suspends
     */
    public static boolean isObjectMethodThroughInterface(MethodDatabase db, String owner, String name, String descriptor,
                                                         int opcode) {
        return opcode == Opcodes.INVOKEINTERFACE && OBJECT_METHODS.contains(name + descriptor)
                && !declares(db, owner, name, descriptor);
    }

    private static final Set<String> OBJECT_METHODS = Set.of(
            "getClass()Ljava/lang/Class;", "hashCode()I", "equals(Ljava/lang/Object;)Z", "toString()Ljava/lang/String;",
            "notify()V", "notifyAll()V", "wait()V", "wait(J)V", "wait(JI)V");

    /** Whether interface {@code type} or a super-interface declares the method; true when unknown. */
    private static boolean declares(MethodDatabase db, String type, String name, String descriptor) {
        MethodDatabase.ClassEntry entry = db.getOrLoadClassEntry(type);
        if (entry == null || entry.check(name, descriptor) != null) {
            return true;
        }
        for (String parent : entry.getInterfaces() == null ? new String[0] : entry.getInterfaces()) {
            if (declares(db, parent, name, descriptor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Follows {@code instrumented.hasSuspendableMethods()} in the handler of {@code QuasarInstrumentor
     * .instrumentClass}, which decides whether a failure to instrument a class is reported and rethrown or the
     * class silently passed through unchanged: a refusal ({@link UnableToInstrumentException}, such as a
     * synchronized suspendable method, thrown before the method is counted) is always reported.
     *
     * @param hasSuspendableMethods what Quasar's class instrumenter answered, after the failure
     * @param failure why the class could not be instrumented
     * @return true if the failure is reported
     */
    public static boolean isReported(boolean hasSuspendableMethods, Exception failure) {
        return hasSuspendableMethods || failure instanceof UnableToInstrumentException;
    }

    private static boolean isYieldMethod(String owner, String name) {
        try {
            return (boolean) IS_YIELD_METHOD.invokeExact(owner, name);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Quasar's Classes.isYieldMethod threw " + e, e);
        }
    }

    /** The calls Quasar reports as blocking a fiber's thread. */
    private static boolean isBlockingCall(MethodInsnNode call) {
        return call.owner.equals("java/lang/Thread") && (call.name.equals("sleep") || call.name.equals("join"))
                || call.owner.equals("java/lang/Object") && call.name.equals("wait");
    }

    /**
     * Runs {@code DUP} for Quasar's analyzer frame and returns true, or returns false for any other
     * instruction. ASM 9's {@code Frame} passes both copies of a duplicated value through
     * {@code Interpreter.copyOperation}; Quasar's interpreter then marks both as the duplicate of a
     * {@code NEW}, so it never finds the pair "new object, its duplicate" it looks for in
     * {@code new Foo(suspendableCall())} and breaks the method. Here the original value stays below its
     * copy, as with the ASM Quasar was written for.
     *
     * @param frame the analyzer's frame
     * @param insn the instruction to run
     * @param interpreter Quasar's interpreter
     * @return true if {@code insn} was a {@code DUP} and ran here
     * @throws AnalyzerException if the value on top of the stack is of size 2 (a long or a double), which {@code DUP}
     *         cannot copy
     */
    public static boolean executeDup(Frame frame, AbstractInsnNode insn, Interpreter interpreter)
            throws AnalyzerException {
        if (insn.getOpcode() != Opcodes.DUP) {
            return false;
        }
        Value value = frame.pop();
        if (value.getSize() != 1) {
            throw new AnalyzerException(insn, "Illegal use of DUP");
        }
        frame.push(value);
        frame.push(interpreter.copyOperation(insn, value));
        return true;
    }
}
