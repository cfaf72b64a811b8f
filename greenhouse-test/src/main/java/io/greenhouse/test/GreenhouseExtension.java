package io.greenhouse.test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import io.greenhouse.internal.HubAudit;
import io.greenhouse.internal.Loop;
import io.greenhouse.test.internal.HarnessHubs;
import io.greenhouse.test.internal.Seeds;
import io.greenhouse.test.internal.SimulatedPoller;

/**
 * The JUnit 5 extension behind {@link SimulationTest} and {@link GreenhouseTest}; those annotations register
 * it, so tests need not name it.
 *
 * <p>For {@code @SimulationTest} it provides one invocation per seed, each with its own {@link Simulation}
 * (see {@link SimulationTest} for the seeds, replays, traces and checks). For {@code @GreenhouseTest} it runs
 * the method on the JUnit thread as the main greenlet of a fresh hub on a {@link VirtualClock}, and fails it
 * for greenlet failures and leaks.
 *
 * <p>Threading: JUnit calls it; each {@code @GreenhouseTest} hub belongs to the thread that runs the test.
 */
public final class GreenhouseExtension implements TestTemplateInvocationContextProvider, InvocationInterceptor,
        ParameterResolver {
    /** {@code -Dgreenhouse.seeds=N}: how many seeds every {@code @SimulationTest} runs, overriding {@code seeds}. */
    public static final String SEEDS_PROPERTY = "greenhouse.seeds";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GreenhouseExtension.class);

    /** Created by JUnit. */
    public GreenhouseExtension() {
    }

    // ------------------------------------------------------------------------------------------------
    // @SimulationTest

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(SimulationTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        SimulationTest spec = method.getAnnotation(SimulationTest.class);
        List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        for (long seed : seeds(spec)) {
            invocations.add(new SimulationInvocation(seed, spec));
        }
        return invocations.stream();
    }

    /** The seeds of one run of a {@code @SimulationTest} method, in invocation order. */
    static long[] seeds(SimulationTest spec) {
        Long replay = Seeds.fromSystemProperty();
        if (replay != null) {
            return new long[] {replay};
        }
        if (spec.seed() != 0) {
            return new long[] {spec.seed()};
        }
        int n = spec.seeds();
        String override = System.getProperty(SEEDS_PROPERTY);
        if (override != null && !override.isBlank()) {
            try {
                n = Integer.parseInt(override.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SEEDS_PROPERTY + " is not a count: " + override, e);
            }
        }
        if (n < 1) {
            throw new IllegalArgumentException("seeds must be at least 1: " + n);
        }
        long base = Seeds.random();
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = Seeds.nth(base, i);
        }
        return seeds;
    }

    // ------------------------------------------------------------------------------------------------
    // @GreenhouseTest

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VirtualClock.class
                && parameter.getDeclaringExecutable().isAnnotationPresent(GreenhouseTest.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return clockOf(context);
    }

    private static VirtualClock clockOf(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(VirtualClock.class, k -> {
            GreenhouseTest spec = context.getRequiredTestMethod().getAnnotation(GreenhouseTest.class);
            try {
                return VirtualClock.at(Instant.parse(spec.start()));
            } catch (DateTimeParseException e) {
                throw new ParameterResolutionException("@GreenhouseTest(start = \"" + spec.start()
                        + "\") is not an ISO-8601 instant such as 2000-01-01T00:00:00Z", e);
            }
        }, VirtualClock.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        GreenhouseTest spec = invocationContext.getExecutable().getAnnotation(GreenhouseTest.class);
        if (spec == null) {
            invocation.proceed();
            return;
        }
        VirtualClock clock = clockOf(context);
        SimulatedPoller poller = new SimulatedPoller(clock, null, null, null, "the virtual-time hub of "
                + context.getRequiredTestMethod().getName());
        Loop loop = HarnessHubs.install(clock, poller, "a @GreenhouseTest");
        HubAudit audit = HubAudit.attach();
        if (!spec.failOnGreenletFailure()) {
            audit.expectUnhandledFailures();
        }
        Throwable thrown = null;
        AssertionError problems = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            thrown = t;
        } finally {
            if (!loop.isClosed()) {
                problems = problems(context.getRequiredTestMethod().getName(), audit);
                poller.release();
                loop.hub().close();
            }
        }
        if (thrown != null) {
            if (problems != null) {
                thrown.addSuppressed(problems);
            }
            throw thrown;
        }
        if (problems != null) {
            throw problems;
        }
    }

    /** What the audit found, as one failure with the first throwable as its cause; or null. */
    private static AssertionError problems(String test, HubAudit audit) {
        List<String> all = audit.problems();
        if (all.isEmpty()) {
            return null;
        }
        AssertionError found = audit.failure();
        boolean died = found.getCause() != null;
        return new AssertionError("@GreenhouseTest " + test + ": " + String.join("; ", all)
                + (died ? " (a test about greenlets that fail: @GreenhouseTest(failOnGreenletFailure = false))" : ""),
                found.getCause());
    }

    /** The display name of a {@code @SimulationTest} invocation: {@code seed 0x5deece66d}. */
    static String displayName(long seed, Schedule schedule) {
        return "seed " + Seeds.hex(seed) + (schedule == Schedule.FIFO ? "" : " " + schedule);
    }

    static Optional<SimulationTest> spec(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.getAnnotation(SimulationTest.class));
    }
}
