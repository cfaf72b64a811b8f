package io.greenhouse.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.greenhouse.benchmarks.memory.ParkedMemory;

/**
 * Runs greenhouse's benchmarks with the JVM flags greenlet code needs: the main class of
 * {@code benchmarks.jar}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [JMH options] [benchmark regex...]
 * java -jar benchmarks/target/benchmarks.jar memory [count...]
 * </pre>
 *
 * <p>With JMH options it behaves as JMH's own {@code Main} (try {@code -h}, {@code -l}, {@code -prof gc}),
 * and adds to every fork: {@code -javaagent:} the patched Quasar jar, the {@code --add-opens} flags, one
 * carrier for virtual threads, and on JDK 21+ the export the JDK backend and the raw-continuation baselines
 * need (no {@code verifyInstrumentation}, no {@code -ea}). Results go to
 * {@code benchmarks/results/jmh-jdk<N>-<time>.json} unless {@code -rff} says otherwise. On JDKs before 21
 * the JDK 21+ variants ({@code greenhouseJdk}, {@code continuation}, {@code virtualThreads},
 * {@code backend=jdk}) are left out, unless {@code -p scheduler=...} / {@code -p backend=...} is given.
 *
 * <p>{@code memory} runs {@link ParkedMemory} in a child JVM with {@code -Xmx4g} and the same flags; on JDK 21+
 * a second child runs greenhouse on the JDK backend as its users run it: {@code -Dgreenhouse.backend=jdk}, the
 * export, no agent.
 *
 * <p>The agent is, in this order: the file named by {@code -Dgreenhouse.agent}; {@code greenhouse-quasar.jar}
 * next to the jar this class was loaded from (the build puts it there); the jar Quasar's {@code Fiber} was
 * loaded from, if that is not an uber jar. {@code -Dgreenhouse.agent=none} runs the forks without an agent
 * (only the JDK backend and the JDK baselines can run then). That is how the JDK engine's figures are taken,
 * since its users run without an agent, which instruments their greenlet bodies and slows this engine down
 * (benchmarks/README.md).
 */
public final class BenchmarkMain {
    /** The opens Quasar's fiber glue needs (DESIGN.md); the same list as the root pom's greenhouse.opens. */
    static final List<String> OPENS = List.of(
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED");

    /** The export of the JDK's continuations, for the JDK backend and the raw baselines (JDK 21+). */
    static final List<String> EXPORTS = List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED");

    /** One carrier thread for the virtual-thread baselines, like one hub (ignored before JDK 21). */
    static final List<String> ONE_CARRIER = List.of(
            "-Djdk.virtualThreadScheduler.parallelism=1",
            "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("memory")) {
            System.exit(runMemory(Arrays.copyOfRange(args, 1, args.length)));
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        Path agent = locateAgent();
        List<String> jvmArgs = new ArrayList<>(forkJvmArgs(agent));
        if (cli.getJvmArgsAppend().hasValue()) {
            jvmArgs.addAll(cli.getJvmArgsAppend().get());
        }

        System.out.println("# greenhouse benchmarks on " + GreenhouseBenchmark.describeJdk());
        System.out.println("# fork JVM args: " + String.join(" ", jvmArgs));

        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).jvmArgsAppend(jvmArgs.toArray(new String[0]));
        if (!cli.getResult().hasValue()) {
            Path results = resultsDirectory();
            Files.createDirectories(results);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path file = results.resolve("jmh-jdk" + GreenhouseBenchmark.jdkFeature() + "-" + stamp + ".json");
            options.result(file.toString());
            if (!cli.getResultFormat().hasValue()) {
                options.resultFormat(ResultFormatType.JSON);
            }
            System.out.println("# results: " + file);
        }
        if (GreenhouseBenchmark.jdkFeature() < 21) {
            if (!cli.getParameter("scheduler").hasValue()) {
                options.param("scheduler", "greenhouse", "quasarForkJoin");
            }
            if (!cli.getParameter("backend").hasValue()) {
                options.param("backend", "quasar");
            }
            System.out.println("# JDK " + GreenhouseBenchmark.jdkFeature() + " has neither continuations nor "
                    + "virtual threads: the JDK backend and their baselines are left out");
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        new Runner(options.build()).run();
    }

    /**
     * The JVM arguments every fork gets: the agent (unless {@code agent} is null), the opens, one
     * virtual-thread carrier, and on JDK 21+ the continuations' export.
     */
    static List<String> forkJvmArgs(Path agent) {
        List<String> args = new ArrayList<>();
        if (agent != null) {
            args.add("-javaagent:" + agent);
        }
        args.addAll(OPENS);
        args.addAll(ONE_CARRIER);
        if (GreenhouseBenchmark.jdkFeature() >= 21) {
            args.addAll(EXPORTS);
        }
        return args;
    }

    /**
     * Runs {@link ParkedMemory} in a child JVM with -Xmx4g, the agent and the opens; on JDK 21+ then in a
     * second one on the JDK backend without the agent ({@code greenhouseJdk}).
     */
    private static int runMemory(String[] args) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = "memory-jdk" + GreenhouseBenchmark.jdkFeature() + "-" + stamp;
        int status = runMemoryChild(args, forkJvmArgs(locateAgent()), name + ".json");
        if (status == 0 && GreenhouseBenchmark.jdkFeature() >= 21) {
            List<String> jdkBackend = new ArrayList<>(forkJvmArgs(null));
            jdkBackend.add("-D" + GreenhouseBenchmark.BACKEND_PROPERTY + "=jdk");
            status = runMemoryChild(args, jdkBackend, name + "-jdk-backend.json");
        }
        return status;
    }

    private static int runMemoryChild(String[] args, List<String> jvmArgs, String jsonName) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx4g");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParkedMemory.class.getName());
        command.addAll(Arrays.asList(args));
        if (!Arrays.asList(args).contains("--json")) {
            command.add("--json");
            command.add(resultsDirectory().resolve(jsonName).toString());
        }
        System.out.println("# " + String.join(" ", command));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** The patched Quasar jar to pass as {@code -javaagent}, or null for {@code -Dgreenhouse.agent=none}. */
    static Path locateAgent() {
        String property = System.getProperty("greenhouse.agent");
        if ("none".equals(property)) {
            return null;
        }
        if (property != null) {
            return existing(Path.of(property), "-Dgreenhouse.agent");
        }
        Path here = codeSource(BenchmarkMain.class);
        if (here != null && Files.isRegularFile(here)) {
            Path sibling = here.resolveSibling("greenhouse-quasar.jar");
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        Path quasar = codeSource(co.paralleluniverse.fibers.Fiber.class);
        if (quasar != null && Files.isRegularFile(quasar) && !quasar.equals(here)) {
            return quasar;
        }
        throw new IllegalStateException("cannot find the Quasar agent jar: build with `mvn -B package` "
                + "(it puts greenhouse-quasar.jar next to benchmarks.jar) or pass -Dgreenhouse.agent=<path>");
    }

    private static Path existing(Path p, String source) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(source + " names no file: " + p);
        }
        return p.toAbsolutePath();
    }

    private static Path codeSource(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /**
     * Where results go: {@code -Dgreenhouse.results}, else {@code benchmarks/results} when running from
     * {@code benchmarks/target/benchmarks.jar}, else {@code ./results}.
     */
    static Path resultsDirectory() {
        String property = System.getProperty("greenhouse.results");
        if (property != null) {
            return Path.of(property);
        }
        Path here = codeSource(BenchmarkMain.class);
        if (here != null && here.getParent() != null && here.getParent().getFileName() != null
                && here.getParent().getFileName().toString().equals("target")) {
            return here.getParent().resolveSibling("results");
        }
        return Path.of("results").toAbsolutePath();
    }

}
