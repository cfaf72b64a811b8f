package io.greenhouse.quasar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@link ParkSiteInliner} on generated classes: each call of a park site becomes the site's body, other code and
 * classes without such calls are left as they are. (That the rewritten code runs, suspends and resumes is what
 * every greenhouse-core test shows: their classes are instrumented through it.)
 */
class ParkSiteInlinerTest {
    private static final String SITE_BODY_PAUSE = "INVOKESTATIC io/greenhouse/internal/Loop.pauseCurrent()Z, IFEQ, "
            + "GETSTATIC io/greenhouse/internal/backend/ParkSites.QUASAR, IFEQ, "
            + "INVOKESTATIC co/paralleluniverse/fibers/Fiber.yield()V, GOTO, "
            + "GETSTATIC io/greenhouse/internal/backend/ParkSites.BACKEND, "
            + "INVOKEINTERFACE io/greenhouse/internal/ContinuationBackend.park()V, "
            + "INVOKESTATIC io/greenhouse/internal/Loop.endParkOfCurrent()V";

    /** A class {@code owner} whose method {@code m} is: {@code before(); <call>; after();}. */
    private static byte[] classCalling(String owner, String callOwner, String callName, String callDescriptor,
                                       boolean pushBlocker) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, owner, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "before", "()V", false);
        if (pushBlocker) {
            mv.visitLdcInsn("blocker");
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, callOwner, callName, callDescriptor, false);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "after", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The instructions of method {@code m}, as "OPCODE owner.name(desc)" for calls and fields, "OPCODE" else. */
    private static String code(byte[] classFile) {
        List<String> out = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (!name.equals("m")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        out.add(opcodeName(opcode) + " " + owner + "." + n + d);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        out.add(opcodeName(opcode) + " " + owner + "." + n);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        out.add(opcodeName(opcode));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        out.add("LDC");
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        out.add(opcodeName(opcode));
                    }
                };
            }
        }, 0);
        return String.join(", ", out);
    }

    private static String opcodeName(int opcode) {
        switch (opcode) {
            case Opcodes.INVOKESTATIC: return "INVOKESTATIC";
            case Opcodes.INVOKEINTERFACE: return "INVOKEINTERFACE";
            case Opcodes.GETSTATIC: return "GETSTATIC";
            case Opcodes.IFEQ: return "IFEQ";
            case Opcodes.GOTO: return "GOTO";
            case Opcodes.RETURN: return "RETURN";
            default: return "op" + opcode;
        }
    }

    @Test
    void aPauseCallBecomesThePauseSitesBody() {
        byte[] rewritten = ParkSiteInliner.inline(classCalling("p/User", "io/greenhouse/Scheduler", "pause", "()V", false));
        assertEquals("INVOKESTATIC p/User.before()V, " + SITE_BODY_PAUSE + ", INVOKESTATIC p/User.after()V, RETURN",
                code(rewritten));
    }

    @Test
    void aParkCallBecomesTheParkSitesBodyWithItsBlocker() {
        byte[] rewritten = ParkSiteInliner.inline(classCalling("p/User", "io/greenhouse/GreenLockSupport", "park",
                "(Ljava/lang/Object;)V", true));
        assertEquals("INVOKESTATIC p/User.before()V, LDC, "
                + SITE_BODY_PAUSE.replace("Loop.pauseCurrent()Z", "Loop.parkCurrent(Ljava/lang/Object;)Z")
                + ", INVOKESTATIC p/User.after()V, RETURN", code(rewritten));
    }

    @Test
    void otherCallsOfTheSitesClassesAndClassesWithoutSitesAreLeftAlone() {
        byte[] timed = classCalling("p/User", "io/greenhouse/Scheduler", "pauseFor", "(D)V", false);
        assertSame(timed, ParkSiteInliner.inline(timed));
        byte[] none = classCalling("p/User", "p/Other", "pause", "()V", false);
        assertSame(none, ParkSiteInliner.inline(none));
    }

    @Test
    void theSitesOwnClassesKeepTheirCalls() {
        byte[] scheduler = classCalling("io/greenhouse/Scheduler", "io/greenhouse/Scheduler", "pause", "()V", false);
        assertSame(scheduler, ParkSiteInliner.inline(scheduler));
    }
}
