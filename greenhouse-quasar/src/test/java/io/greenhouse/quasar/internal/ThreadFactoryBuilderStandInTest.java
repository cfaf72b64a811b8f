package io.greenhouse.quasar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IllegalFormatException;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;

/** The thread factory Quasar's timer threads get in place of Guava's {@code ThreadFactoryBuilder}. */
class ThreadFactoryBuilderStandInTest {
    @Test
    void makesThreadsWithTheDaemonFlagAndNumberedNames() {
        Object builder = ThreadFactoryBuilderStandIn.newThreadFactoryBuilder();
        ThreadFactoryBuilderStandIn.setDaemon(builder, true);
        ThreadFactoryBuilderStandIn.setNameFormat(builder, "timer-%d");
        ThreadFactory factory = ThreadFactoryBuilderStandIn.build(builder);
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertTrue(first.isDaemon());
        assertEquals("timer-0", first.getName());
        assertEquals("timer-1", second.getName());
    }

    @Test
    void withoutSettingsThreadsAreNotDaemons() {
        Thread thread = ThreadFactoryBuilderStandIn.build(ThreadFactoryBuilderStandIn.newThreadFactoryBuilder())
                .newThread(() -> { });
        assertFalse(thread.isDaemon());
    }

    @Test
    void aBadNameFormatFailsWhenSet() {
        Object builder = ThreadFactoryBuilderStandIn.newThreadFactoryBuilder();
        assertThrows(IllegalFormatException.class, () -> ThreadFactoryBuilderStandIn.setNameFormat(builder, "t-%s-%s"));
    }
}
