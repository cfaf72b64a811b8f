package io.greenhouse.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import co.paralleluniverse.fibers.Instrumented;
import co.paralleluniverse.fibers.instrument.JavaAgent;

/** Each run of this module's tests runs as it claims: with the agent, or on build-time instrumented classes only. */
@Tag("quasar")
class InstrumentationModeTest {
    @Test
    void theAgentRunsExactlyInTheAgentRun() {
        assertEquals(InstrumentationMode.isAgent(), JavaAgent.isActive());
    }

    @Test
    void theShapesAreInstrumentedEitherWay() {
        assertTrue(ReRunShapesTest.class.isAnnotationPresent(Instrumented.class));
    }
}
