package io.greenhouse.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

import io.greenhouse.test.internal.Seeds;

/**
 * One seed of a {@link SimulationTest}: its display name, the {@link Simulation} (or builder) parameter, and
 * the run of the method on a simulation thread with the wall-clock limit, the leak check, the determinism
 * check and the trace written on failure.
 *
 * <p>Threading: JUnit's thread; the method itself runs on a {@link SimulationThread}.
 */
final class SimulationInvocation implements TestTemplateInvocationContext, ParameterResolver, InvocationInterceptor {
    private final long seed;                 // immutable
    private final SimulationTest spec;       // immutable
    private final List<Simulation> built = new CopyOnWriteArrayList<>();  // any thread; the first run's simulations

    SimulationInvocation(long seed, SimulationTest spec) {
        this.seed = seed;
        this.spec = spec;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return GreenhouseExtension.displayName(seed, spec.schedule());
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(this);
    }

    // ------------------------------------------------------------------------------------------------
    // Parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Simulation.class || type == Simulation.Builder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fresh(parameter.getParameter().getType(), built);
    }

    /** A new simulation or builder for this seed, recorded in {@code into} when built. */
    private Object fresh(Class<?> type, List<Simulation> into) {
        Simulation.Builder b = Simulation.builder().seed(seed).schedule(spec.schedule()).onBuild(into::add);
        return type == Simulation.class ? b.build() : b;
    }

    // ------------------------------------------------------------------------------------------------
    // The run

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "-" + Seeds.hex(seed);
        Throwable first = SimulationThread.run(seed, spec.wallClockLimitMillis(), built, () -> {
            invocation.proceed();
            return null;
        });
        if (first != null) {
            throw TraceFiles.failure(seed, name, built, first);
        }
        if (!spec.checkDeterminism()) {
            return;
        }
        List<Simulation> again = new CopyOnWriteArrayList<>();
        Object[] args = invocationContext.getArguments().toArray();
        Class<?>[] types = invocationContext.getExecutable().getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == Simulation.class || types[i] == Simulation.Builder.class) {
                args[i] = fresh(types[i], again);
            }
        }
        Method method = invocationContext.getExecutable();
        Object target = invocationContext.getTarget().orElse(null);
        Throwable second = SimulationThread.run(seed, spec.wallClockLimitMillis(), again, () -> {
            method.setAccessible(true);
            try {
                method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return null;
        });
        String difference = TraceFiles.firstDifference(built, again);
        if (difference != null || second != null) {
            throw TraceFiles.nondeterminism(seed, name, built, again, difference, second);
        }
    }
}
