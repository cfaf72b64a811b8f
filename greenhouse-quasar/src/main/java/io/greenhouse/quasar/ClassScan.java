package io.greenhouse.quasar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What {@link AotInstrumenter} reads of a class file besides Quasar: whether Quasar already instrumented it,
 * and which of its methods declare that they can suspend. Read with ASM, skipping the code.
 */
final class ClassScan {
    private static final String INSTRUMENTED = "Lco/paralleluniverse/fibers/Instrumented;";
    private static final String SUSPENDABLE = "Lco/paralleluniverse/fibers/Suspendable;";
    private static final String SUSPEND_EXECUTION = "co/paralleluniverse/fibers/SuspendExecution";

    /** Whether the class carries Quasar's class-level {@code @Instrumented}. */
    final boolean instrumented;
    /** Name and descriptor of each method that throws {@code SuspendExecution} or carries {@code @Suspendable}. */
    final List<String> suspendableMethods;
    /** Those of {@link #suspendableMethods} that are {@code synchronized}. */
    final List<String> synchronizedSuspendableMethods;

    private ClassScan(boolean instrumented, List<String> suspendableMethods,
            List<String> synchronizedSuspendableMethods) {
        this.instrumented = instrumented;
        this.suspendableMethods = suspendableMethods;
        this.synchronizedSuspendableMethods = synchronizedSuspendableMethods;
    }

    /**
     * Reads a class file.
     *
     * @param classFile the class file's bytes
     * @return what it declares
     */
    static ClassScan of(byte[] classFile) {
        boolean[] instrumented = {false};
        List<String> suspendable = new ArrayList<>();
        List<String> synchronizedSuspendable = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                instrumented[0] |= INSTRUMENTED.equals(descriptor);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String method = name + descriptor;
                boolean isSynchronized = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                if (exceptions != null && Arrays.asList(exceptions).contains(SUSPEND_EXECUTION)) {
                    add(method, isSynchronized);
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (SUSPENDABLE.equals(annotation)) {
                            add(method, isSynchronized);
                        }
                        return null;
                    }
                };
            }

            private void add(String method, boolean isSynchronized) {
                suspendable.add(method);
                if (isSynchronized) {
                    synchronizedSuspendable.add(method);
                }
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassScan(instrumented[0], suspendable, synchronizedSuspendable);
    }
}
