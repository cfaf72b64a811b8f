package io.greenhouse.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


/** {@link Buggify}: off outside a simulation; per call site, seeded, independent of other sites. */
class BuggifyTest {

    @Test
    void outsideASimulationItNeverFires() {
        for (int i = 0; i < 100; i++) {
            assertFalse(Buggify.fires());
            assertFalse(Buggify.fires(1.0));
        }
    }

    @Test
    void pMustBeAProbability() {
        assertThrows(IllegalArgumentException.class, () -> Buggify.fires(1.5));
        assertThrows(IllegalArgumentException.class, () -> Buggify.fires(Double.NaN));
    }

    /** For 40 call sites (one line each), whether each fired at 20 calls, in one simulation of {@code seed}. */
    private static List<String> firings(long seed, boolean extraSite) {
        Simulation sim = Simulation.builder().seed(seed).build();
        List<String> out = new ArrayList<>();
        sim.host("a").start(() -> {
            if (extraSite) {
                Buggify.fires();   // a site reached first, before all the others
            }
            for (int call = 0; call < 20; call++) {
                StringBuilder sb = new StringBuilder();
                for (int site = 0; site < 40; site++) {
                    sb.append(Sites.fire(site) ? '1' : '0');
                }
                out.add(sb.toString());
            }
        });
        sim.run();
        return out;
    }

    @Test
    void theSameSeedFiresTheSameSitesAtTheSameCalls() {
        assertEquals(firings(1, false), firings(1, false));
    }

    @Test
    void aboutAQuarterOfSitesAreActiveAndActiveSitesFireAboutAQuarterOfTheTime() {
        int active = 0;
        int fired = 0;
        int calls = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<String> f = firings(seed, false);
            for (int site = 0; site < 40; site++) {
                int n = 0;
                for (String call : f) {
                    n += call.charAt(site) == '1' ? 1 : 0;
                }
                if (n > 0) {
                    active++;
                    fired += n;
                    calls += f.size();
                }
            }
        }
        double activeShare = active / 800.0;   // an active site that never fired in 20 calls is rare (0.3%)
        double fireShare = fired / (double) calls;
        assertTrue(activeShare > 0.18 && activeShare < 0.32, "active: " + activeShare);
        assertTrue(fireShare > 0.2 && fireShare < 0.33, "fired: " + fireShare);
    }

    @Test
    void aNewSiteDoesNotChangeWhatTheOthersDo() {
        assertEquals(firings(3, false), firings(3, true));
    }

    @Test
    void differentSeedsFireDifferently() {
        assertTrue(!firings(1, false).equals(firings(2, false)));
    }

    @Test
    void aFiringIsATraceEvent() {
        Simulation sim = Simulation.builder().seed(5).build();
        int[] fired = {0};
        sim.host("a").start(() -> {
            for (int i = 0; i < 200; i++) {
                fired[0] += Sites.fire(i % 40) ? 1 : 0;
            }
        });
        sim.run();
        long traced = sim.trace().lines().stream().filter(l -> l.contains(" buggify ")).count();
        assertTrue(fired[0] > 0);
        assertEquals(fired[0], traced);
        assertTrue(sim.trace().lines().stream().anyMatch(l -> l.contains("BuggifyTest$Sites#fire:")));
    }

    /** Forty buggify call sites, one per line. */
    static final class Sites {
        static boolean fire(int site) {
            switch (site) {
                case 0: return Buggify.fires();
                case 1: return Buggify.fires();
                case 2: return Buggify.fires();
                case 3: return Buggify.fires();
                case 4: return Buggify.fires();
                case 5: return Buggify.fires();
                case 6: return Buggify.fires();
                case 7: return Buggify.fires();
                case 8: return Buggify.fires();
                case 9: return Buggify.fires();
                case 10: return Buggify.fires();
                case 11: return Buggify.fires();
                case 12: return Buggify.fires();
                case 13: return Buggify.fires();
                case 14: return Buggify.fires();
                case 15: return Buggify.fires();
                case 16: return Buggify.fires();
                case 17: return Buggify.fires();
                case 18: return Buggify.fires();
                case 19: return Buggify.fires();
                case 20: return Buggify.fires();
                case 21: return Buggify.fires();
                case 22: return Buggify.fires();
                case 23: return Buggify.fires();
                case 24: return Buggify.fires();
                case 25: return Buggify.fires();
                case 26: return Buggify.fires();
                case 27: return Buggify.fires();
                case 28: return Buggify.fires();
                case 29: return Buggify.fires();
                case 30: return Buggify.fires();
                case 31: return Buggify.fires();
                case 32: return Buggify.fires();
                case 33: return Buggify.fires();
                case 34: return Buggify.fires();
                case 35: return Buggify.fires();
                case 36: return Buggify.fires();
                case 37: return Buggify.fires();
                case 38: return Buggify.fires();
                default: return Buggify.fires();
            }
        }
    }
}
