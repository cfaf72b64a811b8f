package io.greenhouse.quasar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;

import org.junit.jupiter.api.Test;

/** The map Quasar's strands get for {@code MapMaker().weakValues().makeMap()}. */
class WeakValueMapTest {
    private final ConcurrentMap<Long, Object> map = MapMakerStandIn.makeMap(
            MapMakerStandIn.weakValues(MapMakerStandIn.newMapMaker()));

    @Test
    void behavesAsAConcurrentMapWhileTheValuesLive() {
        Object a = new Object();
        Object b = new Object();
        assertNull(map.putIfAbsent(1L, a));
        assertSame(a, map.putIfAbsent(1L, b));
        assertSame(a, map.get(1L));
        assertTrue(map.containsKey(1L));
        assertFalse(map.replace(1L, b, b));
        assertTrue(map.replace(1L, a, b));
        assertSame(b, map.replace(1L, a));
        assertEquals(Map.of(1L, a), Map.copyOf(map));
        assertFalse(map.remove(1L, b));
        assertTrue(map.remove(1L, a));
        assertNull(map.put(2L, b));
        assertSame(b, map.remove(2L));
        assertTrue(map.isEmpty());
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> map.put(1L, null));
        assertThrows(NullPointerException.class, () -> map.putIfAbsent(null, new Object()));
    }

    @Test
    void anEntryGoesWhenNothingElseHoldsItsValue() {
        map.put(1L, new Object());
        for (int i = 0; i < 50 && map.get(1L) != null; i++) {
            System.gc();
        }
        assertNull(map.get(1L));
        assertTrue(map.entrySet().isEmpty());
        Object fresh = new Object();
        assertNull(map.putIfAbsent(1L, fresh), "a collected value does not block a new one");
        assertSame(fresh, map.get(1L));
    }

    @Test
    void weakKeysGivesAnOrdinaryConcurrentMap() {
        ConcurrentMap<Object, Object> locals = MapMakerStandIn.makeMap(
                MapMakerStandIn.weakKeys(MapMakerStandIn.newMapMaker()));
        Object key = new Object();
        locals.put(key, "v");
        assertEquals("v", locals.get(key));
    }
}
