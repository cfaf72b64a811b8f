package io.greenhouse.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import co.paralleluniverse.fibers.Fiber;

/**
 * {@link QuasarPatcher} on Quasar 0.8.0 as published (the quasar-core jar) and on the greenhouse-quasar jar this
 * build made: every patch rewrites exactly what it expects, the JVM accepts every patched class, and a patch that
 * finds nothing to rewrite fails the build.
 */
class QuasarPatcherTest {
    @TempDir
    Path dir;

    /** A copy of Quasar's published jar without the entries {@code drop} selects. */
    private Path quasarJar(Predicate<String> drop) throws IOException, URISyntaxException {
        Path published = Paths.get(Fiber.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = dir.resolve("quasar-core.jar");
        try (JarFile in = new JarFile(published.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (drop.test(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream is = in.getInputStream(entry)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    private static Path builtJar() {
        return Paths.get(System.getProperty("greenhouse.quasar.jar"));
    }

    private static String report(Path jar) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            return new String(in.getInputStream(in.getJarEntry(QuasarPatcher.REPORT)).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyPatchRewritesExactlyWhatItExpectsInPublishedQuasar() throws Exception {
        Path jar = quasarJar(name -> false);
        QuasarPatcher.Result result = QuasarPatcher.patch(jar);
        assertEquals(List.of(), result.problems());
        for (QuasarPatcher.Patch patch : QuasarPatcher.PATCHES) {
            assertEquals(patch.expected, (int) result.applied.get(patch), patch.toString());
        }
        result.check(jar);
    }

    @Test
    void theBuiltJarReportsEveryPatch() throws Exception {
        String report = report(builtJar());
        for (QuasarPatcher.Patch patch : QuasarPatcher.PATCHES) {
            assertTrue(report.contains(patch + ": " + patch.expected + " rewrite(s)\n"), patch + " in\n" + report);
        }
    }

    @Test
    void theJvmAcceptsEveryPatchedClassOfTheBuiltJar() throws Exception {
        List<String> patched = new ArrayList<>();
        for (String line : report(builtJar()).split("\n")) {
            int colon = line.indexOf(": ");
            if (line.startsWith("co/") && colon > 0 && !line.contains("rewrite(s)")) {
                patched.add(line.substring(0, colon).replace('/', '.'));
            }
        }
        assertFalse(patched.isEmpty());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {builtJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : patched) {
                try {
                    Class.forName(name, true, loader);   // links, so the verifier checks the rewritten methods
                } catch (NoClassDefFoundError absent) {
                    // Quasar's Ant task (InstrumentationTask) extends Ant's Task, and its fiber serializer
                    // (Fiber$FiberSerializer, never used: see no-kryo) Kryo's Serializer; neither is on the class path
                    assertTrue(absent.getMessage().startsWith("org/apache/tools/ant/")
                            || absent.getMessage().startsWith("com/esotericsoftware/kryo/"), absent::toString);
                }
            }
        }
    }

    @Test
    void aPatchWhoseTargetIsMissingFailsTheBuild() throws Exception {
        Path jar = quasarJar(name -> name.equals("co/paralleluniverse/fibers/instrument/TypeAnalyzer$TypeFrame.class"));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> QuasarPatcher.main(new String[] {jar.toString()}));
        assertTrue(failure.getMessage().contains("analyzer-dup"), failure.getMessage());
        assertTrue(failure.getMessage().contains("expected 1 rewrites, found 0"), failure.getMessage());
    }

    @Test
    void patchingAPatchedJarFindsNothingAndFails() throws Exception {
        Path jar = quasarJar(name -> false);
        QuasarPatcher.patch(jar).check(jar);
        QuasarPatcher.Result again = QuasarPatcher.patch(jar);
        assertThrows(IllegalStateException.class, () -> again.check(jar));
        assertTrue(again.problems().stream().anyMatch(p -> p.startsWith("asm-api") && p.endsWith("found 0")),
                again.problems()::toString);
    }

    @Test
    void noQuasarCodeCallsQuasarsOwnThreadAccess() throws Exception {
        String original = "co/paralleluniverse/concurrent/util/ThreadAccess";
        List<String> callers = new ArrayList<>();
        try (JarFile in = new JarFile(builtJar().toFile())) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && name.startsWith("co/paralleluniverse/") && !name.startsWith(original)) {
                    try (InputStream bytes = in.getInputStream(entry)) {
                        // the constant pool keeps unused entries; what counts is what the code uses
                        new ClassReader(bytes.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public MethodVisitor visitMethod(int access, String method, String descriptor,
                                                             String signature, String[] exceptions) {
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visitMethodInsn(int opcode, String owner, String called,
                                                                String calledDescriptor, boolean isInterface) {
                                        if (owner.equals(original)) {
                                            callers.add(name + " " + method + " -> " + called);
                                        }
                                    }
                                };
                            }
                        }, 0);
                    }
                }
            }
        }
        assertTrue(callers.isEmpty(), () -> "still calling Quasar's ThreadAccess, whose static initializer fails on "
                + "JDK 19+: " + callers);
    }
}
