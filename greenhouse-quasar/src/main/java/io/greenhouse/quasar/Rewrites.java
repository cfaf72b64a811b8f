package io.greenhouse.quasar;

import java.util.function.Consumer;

import io.greenhouse.quasar.QuasarPatcher.Rewrite;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static io.greenhouse.quasar.PatchTable.*;

/**
 * The kinds of rewrite {@link PatchTable}'s patches make: each wraps a method visitor in one that rewrites the
 * instructions it targets and counts each rewrite.
 */
final class Rewrites {
    /** Makes the method public (checked by identity in {@link QuasarPatcher}); its code stays as it is. */
    static final Rewrite PUBLIC_ACCESS = (next, count) -> next;

    /** Sends every static call to a method of {@code from} to the method of the same name and descriptor in {@code to}. */
    static Rewrite redirectRewrite(String from, String to) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (opcode == Opcodes.INVOKESTATIC && owner.equals(from)) {
                    count[0]++;
                    super.visitMethodInsn(opcode, to, name, descriptor, isInterface);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }
        };
    }

    /** Rewrites {@code LDC from} as {@code LDC to}. */
    static Rewrite ldcRewrite(Object from, Object to) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitLdcInsn(Object value) {
                if (from.equals(value)) {
                    count[0]++;
                    super.visitLdcInsn(to);
                } else {
                    super.visitLdcInsn(value);
                }
            }
        };
    }

    /** Replaces every call to {@code owner.name} by what {@code emit} writes (which must leave the same stack). */
    static Rewrite callRewrite(String owner, String name, Consumer<MethodVisitor> emit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String callOwner, String callName, String descriptor,
                                        boolean isInterface) {
                if (callOwner.equals(owner) && callName.equals(name)) {
                    count[0]++;
                    emit.accept(mv);
                } else {
                    super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
                }
            }
        };
    }

    /** {@code System.err.println(String)} becomes {@code QuasarLogging.println(PrintStream, String)}. */
    static Rewrite printlnRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (owner.equals("java/io/PrintStream") && name.equals("println")
                        && descriptor.equals("(Ljava/lang/String;)V")) {
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, LOGGING, "println",
                            "(Ljava/io/PrintStream;Ljava/lang/String;)V", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }
        };
    }

    /**
     * {@code owner.equals("java/lang/invoke/LambdaMetafactory")} becomes
     * {@code InstrumentRules.isNonSuspendableBootstrap(owner, "java/lang/invoke/LambdaMetafactory")}.
     */
    static Rewrite bootstrapRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private boolean afterMarker;   // the previous instruction was LDC LAMBDA_METAFACTORY

            @Override
            public void visitLdcInsn(Object value) {
                super.visitLdcInsn(value);
                afterMarker = LAMBDA_METAFACTORY.equals(value);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (afterMarker && owner.equals("java/lang/String") && name.equals("equals")) {
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isNonSuspendableBootstrap",
                            "(Ljava/lang/String;Ljava/lang/Object;)Z", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
                afterMarker = false;
            }
        };
    }

    /**
     * {@code ic2.hasSuspendableMethods()} in the exception handler is followed by
     * {@code InstrumentRules.isReported(<its answer>, e)}, {@code e} being the handler's exception (the
     * local the handler stored last).
     */
    static Rewrite refusalRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private int lastStored = -1;   // the local of the last ASTORE: the caught exception, at the call

            @Override
            public void visitVarInsn(int opcode, int var) {
                super.visitVarInsn(opcode, var);
                if (opcode == Opcodes.ASTORE) {
                    lastStored = var;
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (owner.equals(INSTRUMENT + "InstrumentClass") && name.equals("hasSuspendableMethods")) {
                    count[0]++;
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                    super.visitVarInsn(Opcodes.ALOAD, lastStored);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RULES, "isReported", "(ZLjava/lang/Exception;)Z", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }
        };
    }

    /**
     * Replaces the method's code by what {@code emit} writes (a straight line, no frames needed); the original
     * instructions, frames and debug information are dropped, annotations kept.
     */
    static Rewrite bodyRewrite(int maxStack, int maxLocals, Consumer<MethodVisitor> emit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                count[0]++;
                MethodVisitor out = mv;
                out.visitCode();
                emit.accept(out);
                out.visitMaxs(maxStack, maxLocals);
                out.visitEnd();
                mv = null;   // drop the original body
            }
        };
    }

    /**
     * Puts {@code if (<condition>) <early exit>} before the method's code: {@code condition} leaves a boolean
     * using at most {@code stack} operand slots, {@code exit} returns. The original code follows a frame equal
     * to the method's first, so its own frames stay valid.
     */
    static Rewrite prefixRewrite(int stack, Consumer<MethodVisitor> condition, Consumer<MethodVisitor> exit) {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitCode() {
                count[0]++;
                super.visitCode();
                Label original = new Label();
                condition.accept(mv);
                mv.visitJumpInsn(Opcodes.IFEQ, original);
                exit.accept(mv);
                mv.visitLabel(original);
                mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, stack), maxLocals);
            }
        };
    }

    /**
     * Redirects a Guava builder to its stand-in: {@code NEW G; DUP; INVOKESPECIAL G.<init>()V} becomes
     * {@code INVOKESTATIC S.newG()Object}, and {@code INVOKEVIRTUAL G.m(args)R} becomes {@code INVOKESTATIC
     * S.m(Object, args)R} (with {@code Object} for {@code R = G}). The builder lives on the operand stack only,
     * between two instructions of straight-line code, so no frame mentions it. Counts whole chains.
     */
    static Rewrite guavaRewrite(String guava) {
        String standIn = GUAVA_STAND_INS.get(guava);
        String guavaDescriptor = "L" + guava + ";";
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private boolean droppedNew;   // NEW G was dropped; its DUP goes too

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW && type.equals(guava)) {
                    droppedNew = true;
                    return;
                }
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitInsn(int opcode) {
                if (droppedNew && opcode == Opcodes.DUP) {
                    droppedNew = false;
                    return;
                }
                super.visitInsn(opcode);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (!owner.equals(guava)) {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                } else if (name.equals("<init>")) {
                    count[0]++;
                    String simpleName = guava.substring(guava.lastIndexOf('/') + 1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, standIn, "new" + simpleName, "()Ljava/lang/Object;",
                            false);
                } else {
                    String redirected = "(Ljava/lang/Object;" + descriptor.substring(1).replace(guavaDescriptor,
                            "Ljava/lang/Object;");
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, standIn, name, redirected, false);
                }
            }
        };
    }

    /**
     * {@code GETSTATIC currentStrand; ...; INVOKEVIRTUAL ThreadLocal.get()} (or {@code set(Object)}) becomes
     * {@code ...; INVOKESTATIC CurrentStrand.get()} ({@code set(Object)}): the field's value is only ever the
     * receiver of that call, and the instructions between (the argument of {@code set}) leave it alone, so dropping
     * the GETSTATIC leaves the stack the static call expects. Counts calls.
     */
    static Rewrite currentStrandRewrite() {
        return (next, count) -> new MethodVisitor(Opcodes.ASM9, next) {
            private int droppedLoads;   // GETSTATICs of the field whose call has not come yet

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                if (opcode == Opcodes.GETSTATIC && name.equals("currentStrand")
                        && descriptor.equals("Ljava/lang/ThreadLocal;")) {
                    droppedLoads++;
                    return;
                }
                super.visitFieldInsn(opcode, owner, name, descriptor);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (droppedLoads > 0 && owner.equals("java/lang/ThreadLocal")
                        && (name.equals("get") || name.equals("set"))) {
                    droppedLoads--;
                    count[0]++;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, CURRENT_STRAND, name,
                            name.equals("get") ? "()Ljava/lang/Object;" : "(Ljava/lang/Object;)V", false);
                } else {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                }
            }

            @Override
            public void visitEnd() {
                if (droppedLoads != 0) {
                    throw new IllegalStateException("current-strand: a read of Strand.currentStrand is not the "
                            + "receiver of ThreadLocal.get or set; the patch does not know this code");
                }
                super.visitEnd();
            }
        };
    }

    private Rewrites() {
    }
}
