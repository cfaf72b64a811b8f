import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;

/**
 * A greenlet that pauses under a native frame, run by JdkBackendTest with `java PausesUnderANativeFrame.java`
 * (JDK 22+: the foreign function API): the C library's qsort calls back into a Java comparator, which pauses.
 * The pause must throw (the continuation is pinned by the native frame), the comparator must go on, and the
 * other greenlet must keep taking turns. Prints the log, then the refusal's message on the last line.
 */
public class PausesUnderANativeFrame {
    static final List<String> LOG = new ArrayList<>();
    static IllegalStateException refused;

    /** qsort's comparator: tries to pause (an exception must not escape an upcall), then compares. */
    static int compare(MemorySegment a, MemorySegment b) {
        try {
            Scheduler.pause();
            LOG.add("paused under qsort");
        } catch (IllegalStateException e) {
            if (refused == null) {
                refused = e;
                LOG.add("refused");
            }
        } catch (SuspendExecution e) {
            throw new AssertionError(e);
        }
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    static void sortNatively(int[] values) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle qsort = linker.downcallHandle(linker.defaultLookup().find("qsort").orElseThrow(),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        MethodHandle compare = MethodHandles.lookup().findStatic(PausesUnderANativeFrame.class, "compare",
                MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment comparator = linker.upcallStub(compare, FunctionDescriptor.of(JAVA_INT,
                    ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT)), arena);
            MemorySegment array = arena.allocateFrom(JAVA_INT, values);
            qsort.invokeExact(array, (long) values.length, JAVA_INT.byteSize(), comparator);
            for (int i = 0; i < values.length; i++) {
                values[i] = array.getAtIndex(JAVA_INT, i);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Greenlet sorter = Scheduler.schedule(() -> {
            int[] values = {3, 1, 2};
            try {
                sortNatively(values);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            LOG.add("sorted " + values[0] + values[1] + values[2]);
            Scheduler.pause();
            LOG.add("sorter paused after qsort");
        });
        Greenlet ticker = Scheduler.schedule(() -> {
            for (int i = 0; i < 2; i++) {
                LOG.add("tick " + i);
                Scheduler.pause();
            }
        });
        sorter.join();
        ticker.join();
        Hub.current().close();
        LOG.add(refused == null ? "no refusal" : refused.getMessage());
        System.out.println(String.join("\n", LOG));
    }
}
