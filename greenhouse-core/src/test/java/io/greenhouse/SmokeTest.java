package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SmokeTest extends HubTestBase {
    @Test
    void pauseOrder() throws Exception {
        List<String> l = new ArrayList<>();
        Scheduler.schedule(() -> {
            l.add("a1");
            Scheduler.schedule(() -> l.add("c"));
            Scheduler.pause();
            l.add("a2");
        });
        Scheduler.schedule(() -> l.add("b"));
        Scheduler.pause();
        l.add("main1");
        Scheduler.pause();
        l.add("main2");
        assertEquals(List.of("a1", "b", "main1", "c", "a2", "main2"), l);
    }
}
