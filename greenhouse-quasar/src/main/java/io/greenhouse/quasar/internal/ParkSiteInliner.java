package io.greenhouse.quasar.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Inlines greenhouse's two untimed park sites, {@code Scheduler.pause()} and {@code GreenLockSupport.park(Object)},
 * into the methods that call them, before Quasar instruments a class: each call becomes the site's own body,
 * <pre>
 * if (Loop.pauseCurrent()) {            // or Loop.parkCurrent(blocker): the hub's bookkeeping, a plain call
 *     if (ParkSites.QUASAR) Fiber.yield(); else ParkSites.BACKEND.park();
 *     Loop.endParkOfCurrent();           // throws the exception delivered meanwhile
 * }
 * </pre>
 * so that the caller's frame suspends itself, as a caller of Quasar's {@code Fiber.yield} does, and no frame of
 * greenhouse's sits between it and the suspension.
 *
 * <p>Why: Quasar suspends by throwing through every frame between the suspension and the fiber's entry, and
 * HotSpot's C2 turns that throw into a jump only inside one compiled method; every boundary between separately
 * compiled frames costs a trip through the VM's exception unwinding (about 70 ns on a 2-core x86 VM, JDK 17).
 * C2 inlines a callee whose own compiled code is at most {@code InlineSmallCode} (2,500 bytes), and a park site's
 * instrumented frame compiled to 3-5 KB, so whether a caller inlined it depended on which of the two the JIT
 * compiled first: the cause of the pause benchmark's fast and slow forks. Inlined here, the site costs its caller
 * the same as a {@code Fiber.yield} call.
 *
 * <p>The rewritten bytes carry no stack map frames for the new branches: Quasar's instrumentation recomputes every
 * frame (it reads with {@code SKIP_FRAMES} and writes with {@code COMPUTE_FRAMES}), and a class it does not finish
 * instrumenting is loaded from its original bytes. Calls through a method reference or reflection are left alone
 * (they reach the park site's method, which keeps the same body).
 *
 * <p>Threading: stateless; called by the instrumenter on whichever thread loads or instruments a class.
 */
public final class ParkSiteInliner {
    private static final String SCHEDULER = "io/greenhouse/Scheduler";
    private static final String LOCK_SUPPORT = "io/greenhouse/GreenLockSupport";
    private static final String LOOP = "io/greenhouse/internal/Loop";
    private static final String PARK_SITES = "io/greenhouse/internal/backend/ParkSites";
    private static final String BACKEND = "io/greenhouse/internal/ContinuationBackend";
    private static final String FIBER = "co/paralleluniverse/fibers/Fiber";
    private static final String OWN_PACKAGE = "io/greenhouse/quasar/";

    private ParkSiteInliner() {
    }

    /**
     * Inlines every call of a park site.
     *
     * @param classFile a class file about to be instrumented
     * @return the class file with every call of a park site inlined; the same array if it calls none
     */
    public static byte[] inline(byte[] classFile) {
        if (!mentions(classFile)) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        String name = reader.getClassName();
        if (name.equals(SCHEDULER) || name.equals(LOCK_SUPPORT)) {
            return classFile;   // the sites themselves, and their own class's other methods, stay as written
        }
        if (name.startsWith(OWN_PACKAGE)) {
            // This class's own nested classes name the sites too; rewriting them while the agent loads them, from
            // inside this method, would load them a second time.
            return classFile;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        int[] inlined = new int[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new SiteRewriter(super.visitMethod(access, name, descriptor, signature, exceptions), inlined);
            }
        }, 0);
        return inlined[0] == 0 ? classFile : writer.toByteArray();
    }

    /** A cheap pre-check: the class file's constant pool names a park site's class (as UTF-8 bytes). */
    private static boolean mentions(byte[] classFile) {
        return contains(classFile, SCHEDULER) || contains(classFile, LOCK_SUPPORT);
    }

    private static boolean contains(byte[] haystack, String ascii) {
        int n = ascii.length();
        outer:
        for (int i = 0; i + n <= haystack.length; i++) {
            for (int j = 0; j < n; j++) {
                if (haystack[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Rewrites the calls of one method. */
    private static final class SiteRewriter extends MethodVisitor {
        private final int[] inlined;   // rewrites in this class so far

        SiteRewriter(MethodVisitor next, int[] inlined) {
            super(Opcodes.ASM9, next);
            this.inlined = inlined;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(SCHEDULER) && name.equals("pause")
                    && descriptor.equals("()V")) {
                emitSite("pauseCurrent", "()Z");
            } else if (opcode == Opcodes.INVOKESTATIC && owner.equals(LOCK_SUPPORT) && name.equals("park")
                    && descriptor.equals("(Ljava/lang/Object;)V")) {
                emitSite("parkCurrent", "(Ljava/lang/Object;)Z");   // the blocker is on the stack already
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        private void emitSite(String begin, String beginDescriptor) {
            inlined[0]++;
            Label done = new Label();
            Label otherBackend = new Label();
            Label resumed = new Label();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, LOOP, begin, beginDescriptor, false);
            super.visitJumpInsn(Opcodes.IFEQ, done);
            super.visitFieldInsn(Opcodes.GETSTATIC, PARK_SITES, "QUASAR", "Z");
            super.visitJumpInsn(Opcodes.IFEQ, otherBackend);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FIBER, "yield", "()V", false);
            super.visitJumpInsn(Opcodes.GOTO, resumed);
            super.visitLabel(otherBackend);
            super.visitFieldInsn(Opcodes.GETSTATIC, PARK_SITES, "BACKEND", "L" + BACKEND + ";");
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, BACKEND, "park", "()V", true);
            super.visitLabel(resumed);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, LOOP, "endParkOfCurrent", "()V", false);
            super.visitLabel(done);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 2), maxLocals);
        }
    }
}
