package io.greenhouse.quasar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step that patches Quasar 0.8.0's bytecode, inside the shaded greenhouse-quasar jar, so that it
 * runs on JDK 17, 21 and 25.
 *
 * <p>Header note on patched third-party bytes: the classes this tool rewrites are Quasar's own
 * ({@code co.paralleluniverse.*}, except the relocated ASM under {@code co.paralleluniverse.asm}). Two
 * constants are rewritten, nothing else; the jar records the list of patched classes in
 * {@value #REPORT}.
 * <ul>
 *   <li>The ASM api level Quasar's visitors pass, {@code Opcodes.ASM7} (the int 458752), becomes
 *       {@code Opcodes.ASM9}: ASM 9 refuses to visit the {@code PermittedSubclasses} and record
 *       attributes of modern JDK classes with an older api level.</li>
 *   <li>The string {@code "$$Lambda$"}, which Quasar's instrumentation verifier uses to recognise lambda
 *       classes, becomes {@code "$$Lambda"}: JDK 21+ names them {@code Foo$$Lambda/0x...}.</li>
 *   <li>The body of {@code InstrumentMethod.hasSuspendableTryCatchBlocksAround(int)} is replaced by one that
 *       answers true for every try block around the call site. Quasar's version only counted handlers of
 *       a few named types and missed {@code finally} (a catch-all handler): a method whose single
 *       suspendable call sat in {@code try/finally} was then "optimized" (left uninstrumented), and its
 *       {@code finally} block ran every time the fiber suspended.</li>
 * </ul>
 * The class files are rewritten with {@code new ClassWriter(reader, 0)}, so the constant pool and
 * everything else stay as they were. The tool fails (exit status 1) when it patches nothing, so that a
 * changed Quasar or shade layout cannot go unnoticed.
 *
 * <p>Usage: {@code java io.greenhouse.quasar.QuasarPatcher path/to/greenhouse-quasar.jar} (the jar is
 * replaced in place).
 */
public final class QuasarPatcher {
    static final int ASM7 = 458752;
    static final String OLD_LAMBDA_MARKER = "$$Lambda$";
    static final String NEW_LAMBDA_MARKER = "$$Lambda";
    static final String REPORT = "META-INF/greenhouse-quasar-patches.txt";

    private QuasarPatcher() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: QuasarPatcher <greenhouse-quasar.jar>");
        }
        Path jar = Paths.get(args[0]);
        Result result = patch(jar);
        if (result.apiConstants == 0 || result.lambdaMarkers == 0 || result.tryCatchFixes != 1) {
            throw new IllegalStateException("QuasarPatcher patched nothing in " + jar + " (ASM api constants: "
                    + result.apiConstants + ", lambda markers: " + result.lambdaMarkers
                    + ", try-catch fixes: " + result.tryCatchFixes
                    + "): the Quasar version or the shade layout changed; fix the patcher before shipping");
        }
        System.out.println("[greenhouse-quasar] patched " + result.classes.size() + " Quasar classes: "
                + result.apiConstants + " ASM api constants, " + result.lambdaMarkers + " lambda markers, "
                + result.tryCatchFixes + " try-catch fix");
    }

    /** Patches {@code jar} in place and returns what was changed. */
    static Result patch(Path jar) throws IOException {
        Result result = new Result();
        Path tmp = jar.resolveSibling(jar.getFileName() + ".patching");
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(REPORT)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream is = in.getInputStream(entry)) {
                    bytes = is.readAllBytes();
                }
                if (isQuasarClass(entry.getName())) {
                    bytes = patchClass(entry.getName(), bytes, result);
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(REPORT));
            out.write(result.report().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return result;
    }

    private static boolean isQuasarClass(String name) {
        return name.endsWith(".class") && name.startsWith("co/paralleluniverse/")
                && !name.startsWith("co/paralleluniverse/asm/");
    }

    private static byte[] patchClass(String name, byte[] bytes, Result result) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        int[] counts = new int[3];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, methodName, descriptor, signature, exceptions);
                if (name.equals(INSTRUMENT_METHOD) && methodName.equals("hasSuspendableTryCatchBlocksAround")
                        && descriptor.equals("(I)Z")) {
                    counts[2]++;
                    return new AnyTryCatchAround(mv);
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Integer && (Integer) value == ASM7) {
                            counts[0]++;
                            super.visitLdcInsn(Opcodes.ASM9);
                        } else if (OLD_LAMBDA_MARKER.equals(value)) {
                            counts[1]++;
                            super.visitLdcInsn(NEW_LAMBDA_MARKER);
                        } else {
                            super.visitLdcInsn(value);
                        }
                    }
                };
            }
        }, 0);
        if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0) {
            return bytes;
        }
        result.apiConstants += counts[0];
        result.lambdaMarkers += counts[1];
        result.tryCatchFixes += counts[2];
        result.classes.add(name + " (api constants: " + counts[0] + ", lambda markers: " + counts[1]
                + (counts[2] > 0 ? ", finally-aware try-catch check" : "") + ")");
        return writer.toByteArray();
    }

    static final String INSTRUMENT_METHOD = "co/paralleluniverse/fibers/instrument/InstrumentMethod.class";
    private static final String TREE = "co/paralleluniverse/asm/tree/";

    /**
     * Emits, in place of the original body, {@code for (TryCatchBlockNode t : mn.tryCatchBlocks) if
     * (indexOf(t.start) <= i && indexOf(t.end) >= i) return true; return false;} and drops the original
     * instructions, frames and debug information.
     */
    private static final class AnyTryCatchAround extends MethodVisitor {
        private final MethodVisitor out;

        AnyTryCatchAround(MethodVisitor out) {
            super(Opcodes.ASM9, null);
            this.out = out;
        }

        @Override
        public void visitCode() {
            String owner = "co/paralleluniverse/fibers/instrument/InstrumentMethod";
            String methodNode = TREE + "MethodNode";
            String tcb = TREE + "TryCatchBlockNode";
            String insnList = TREE + "InsnList";
            out.visitCode();
            out.visitVarInsn(Opcodes.ALOAD, 0);
            out.visitFieldInsn(Opcodes.GETFIELD, owner, "mn", "L" + methodNode + ";");
            out.visitFieldInsn(Opcodes.GETFIELD, methodNode, "tryCatchBlocks", "Ljava/util/List;");
            out.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/List", "iterator", "()Ljava/util/Iterator;", true);
            out.visitVarInsn(Opcodes.ASTORE, 2);
            org.objectweb.asm.Label loop = new org.objectweb.asm.Label();
            org.objectweb.asm.Label done = new org.objectweb.asm.Label();
            out.visitLabel(loop);
            out.visitFrame(Opcodes.F_APPEND, 1, new Object[] {"java/util/Iterator"}, 0, null);
            out.visitVarInsn(Opcodes.ALOAD, 2);
            out.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/Iterator", "hasNext", "()Z", true);
            out.visitJumpInsn(Opcodes.IFEQ, done);
            out.visitVarInsn(Opcodes.ALOAD, 2);
            out.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/Iterator", "next", "()Ljava/lang/Object;", true);
            out.visitTypeInsn(Opcodes.CHECKCAST, tcb);
            out.visitVarInsn(Opcodes.ASTORE, 3);
            for (String bound : new String[] {"start", "end"}) {
                out.visitVarInsn(Opcodes.ALOAD, 0);
                out.visitFieldInsn(Opcodes.GETFIELD, owner, "mn", "L" + methodNode + ";");
                out.visitFieldInsn(Opcodes.GETFIELD, methodNode, "instructions", "L" + insnList + ";");
                out.visitVarInsn(Opcodes.ALOAD, 3);
                out.visitFieldInsn(Opcodes.GETFIELD, tcb, bound, "L" + TREE + "LabelNode;");
                out.visitMethodInsn(Opcodes.INVOKEVIRTUAL, insnList, "indexOf", "(L" + TREE + "AbstractInsnNode;)I",
                        false);
                out.visitVarInsn(Opcodes.ILOAD, 1);
                out.visitJumpInsn(bound.equals("start") ? Opcodes.IF_ICMPGT : Opcodes.IF_ICMPLT, loop);
            }
            out.visitInsn(Opcodes.ICONST_1);
            out.visitInsn(Opcodes.IRETURN);
            out.visitLabel(done);
            out.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            out.visitInsn(Opcodes.ICONST_0);
            out.visitInsn(Opcodes.IRETURN);
            out.visitMaxs(3, 4);
            out.visitEnd();
        }
    }

    static final class Result {
        int apiConstants;
        int lambdaMarkers;
        int tryCatchFixes;
        final List<String> classes = new ArrayList<>();

        String report() {
            StringBuilder sb = new StringBuilder()
                    .append("Quasar 0.8.0 classes patched by io.greenhouse.quasar.QuasarPatcher\n")
                    .append("(ASM7 api constant -> ASM9; \"$$Lambda$\" -> \"$$Lambda\"; finally-aware try-catch check):\n");
            for (String c : classes) {
                sb.append(c).append('\n');
            }
            return sb.toString();
        }
    }

}
