package io.greenhouse.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrepareAgentMojoTest {
    @Test
    void flagsComeBeforeAnEarlierArgLine() {
        assertEquals("-javaagent:a.jar -Xmx1g", PrepareAgentMojo.prepend("-javaagent:a.jar", "-Xmx1g"));
    }

    @Test
    void flagsAloneWhenThereIsNoEarlierArgLine() {
        assertEquals("-javaagent:a.jar", PrepareAgentMojo.prepend("-javaagent:a.jar", null));
        assertEquals("-javaagent:a.jar", PrepareAgentMojo.prepend("-javaagent:a.jar", " "));
    }

    @Test
    void runningTwiceDoesNotRepeatTheFlags() {
        String once = PrepareAgentMojo.prepend("-javaagent:a.jar", "-Xmx1g");

        assertEquals(once, PrepareAgentMojo.prepend("-javaagent:a.jar", once));
    }
}
