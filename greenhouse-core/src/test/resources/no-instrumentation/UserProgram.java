import java.util.ArrayList;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * A user program as a user writes it, run by NoInstrumentationTest with `java UserProgram.java` (compiled in
 * memory: no build step, no agent, nothing instrumented): two greenlets take turns through an ordinary helper,
 * inside List.forEach, inside constructor arguments and inside string concatenation.
 */
public class UserProgram {
    static final List<String> LOG = new ArrayList<>();

    /** An ordinary helper: neither @Suspendable nor throws SuspendExecution. */
    static String yielding(String value) {
        try {
            Scheduler.pause();
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
        return value;
    }

    record Pair(String left, String right) {
    }

    public static void main(String[] args) throws Exception {
        Greenlet shapes = Scheduler.schedule(() -> {
            List.of("a", "b").forEach(x -> LOG.add("forEach " + yielding(x)));
            LOG.add("constructor " + new Pair(yielding("l"), yielding("r")));
            LOG.add("concatenation " + yielding("x") + "-" + yielding("y"));
        });
        Greenlet ticker = Scheduler.schedule(() -> {
            for (int i = 0; i < 7; i++) {
                LOG.add("tick " + i);
                Scheduler.pause();
            }
        });
        shapes.join();
        ticker.join();
        Hub.current().close();
        System.out.println(String.join("\n", LOG));
    }
}
