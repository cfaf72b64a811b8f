package io.greenhouse.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a failed {@link SimulationTest} invocation reports: the traces of its simulations written under
 * {@code target/greenhouse-sim/} (or {@code -Dgreenhouse.traceDir}), and one {@link SimulationException}
 * whose message starts with the seed and names the trace files.
 */
final class TraceFiles {
    /** {@code -Dgreenhouse.traceDir}: where failing seeds' traces are written. */
    static final String DIR_PROPERTY = "greenhouse.traceDir";

    private TraceFiles() {
    }

    static Path dir() {
        String d = System.getProperty(DIR_PROPERTY);
        return d == null || d.isBlank() ? Path.of("target", "greenhouse-sim") : Path.of(d);
    }

    /** The failure of one run, with its traces written. */
    static SimulationException failure(long seed, String name, List<Simulation> sims, Throwable thrown) {
        List<String> written = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        write(sims, name, "", written, errors);
        String problem;
        Throwable cause;
        if (thrown instanceof SimulationException) {
            SimulationException s = (SimulationException) thrown;
            seed = s.seed();
            problem = s.problem();
            cause = s.getCause();
        } else {
            problem = "the test failed: " + thrown;
            cause = thrown;
        }
        SimulationException e = new SimulationException(seed, sims.isEmpty() ? null : sims.get(0).trace(),
                problem + where(written), cause);
        if (thrown instanceof SimulationException) {
            e.setStackTrace(thrown.getStackTrace());
            for (Throwable t : thrown.getSuppressed()) {
                e.addSuppressed(t);
            }
        }
        errors.forEach(e::addSuppressed);
        return e;
    }

    /** The first event where the traces of two runs of one seed differ, or null if they are the same. */
    static String firstDifference(List<Simulation> first, List<Simulation> second) {
        if (first.size() != second.size()) {
            return "the first run built " + first.size() + " simulations, the second " + second.size();
        }
        for (int s = 0; s < first.size(); s++) {
            Trace a = first.get(s).trace();
            Trace b = second.get(s).trace();
            String which = first.size() == 1 ? "" : " of simulation " + (s + 1);
            List<String> la = a.lines();
            List<String> lb = b.lines();
            int n = Math.min(la.size(), lb.size());
            for (int i = 0; i < n; i++) {
                if (!la.get(i).equals(lb.get(i))) {
                    return "event " + (i + 1) + which + ": first run \"" + la.get(i) + "\", second run \"" + lb.get(i) + "\"";
                }
            }
            if (a.size() != b.size()) {
                return "event " + (Math.min(a.size(), b.size()) + 1) + which + ": one run has " + a.size()
                        + " events, the other " + b.size();
            }
            if (a.hash() != b.hash()) {
                return "the trace hashes" + which + " (lines were not kept)";
            }
        }
        return null;
    }

    /** The failure of a determinism check, with the traces of both runs written. */
    static SimulationException nondeterminism(long seed, String name, List<Simulation> first, List<Simulation> second,
                                              String difference, Throwable secondFailure) {
        List<String> written = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        write(first, name, ".run1", written, errors);
        write(second, name, ".run2", written, errors);
        String problem = difference != null
                ? "nondeterminism: two runs of the same seed part at " + difference
                : "nondeterminism: the first run passed, the second run of the same seed failed: " + secondFailure;
        SimulationException e = new SimulationException(seed, first.isEmpty() ? null : first.get(0).trace(),
                problem + where(written), secondFailure);
        errors.forEach(e::addSuppressed);
        return e;
    }

    private static void write(List<Simulation> sims, String name, String suffix, List<String> written,
                              List<IOException> errors) {
        for (int i = 0; i < sims.size(); i++) {
            Path file = dir().resolve(name + (i == 0 ? "" : "-" + (i + 1)) + suffix + ".trace");
            try {
                sims.get(i).trace().writeTo(file);
                written.add(file.toString());
            } catch (IOException e) {
                errors.add(e);
            }
        }
    }

    private static String where(List<String> written) {
        return written.isEmpty() ? "" : "; trace written to " + String.join(", ", written);
    }
}
