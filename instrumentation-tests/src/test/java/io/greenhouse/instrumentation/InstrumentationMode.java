package io.greenhouse.instrumentation;

/**
 * Which of this module's two test runs is under way: {@code agent} (the Quasar agent instruments classes as they
 * load) or {@code build-time} (the test classes were instrumented by {@code AotInstrumenter}, no agent runs).
 * The surefire executions set {@code greenhouse.instrumentation} and, for the agent run, {@code greenhouse.agent}.
 */
final class InstrumentationMode {
    private InstrumentationMode() {
    }

    static boolean isAgent() {
        String mode = System.getProperty("greenhouse.instrumentation");
        if (!"agent".equals(mode) && !"build-time".equals(mode)) {
            throw new IllegalStateException("greenhouse.instrumentation must be agent or build-time: " + mode);
        }
        return mode.equals("agent");
    }

    /** The agent jar of the agent run. */
    static String agentJar() {
        return System.getProperty("greenhouse.agent");
    }
}
