package io.greenhouse.quasar.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What Quasar's schedulers and strands get in place of Guava's {@code MapMaker} (the patched code calls these
 * static methods with the maker as first argument). Quasar makes two maps with it:
 * <ul>
 *   <li>{@code weakValues()}: thread id to the strand object of a thread; a {@link WeakValueMap}, so that a
 *       strand no thread refers to any more can go;</li>
 *   <li>{@code weakKeys()}: a scheduler's {@code SchedulerLocal}s; a {@link ConcurrentHashMap}. Those keys are
 *       made once per program ({@code static final}, and greenhouse makes none), so holding them strongly
 *       keeps nothing alive that would otherwise go; they compare by identity either way.</li>
 * </ul>
 * Threading: a maker is used by the thread that made it; the maps by any thread.
 */
public final class MapMakerStandIn {
    private boolean weakValues;   // set before makeMap

    private MapMakerStandIn() {
    }

    /**
     * In place of {@code new MapMaker()}.
     *
     * @return a builder stand-in
     */
    public static Object newMapMaker() {
        return new MapMakerStandIn();
    }

    /**
     * In place of {@code maker.weakKeys()}: see the class comment.
     *
     * @param maker the builder stand-in
     * @return {@code maker}
     */
    public static Object weakKeys(Object maker) {
        return maker;
    }

    /**
     * In place of {@code maker.weakValues()}.
     *
     * @param maker the builder stand-in
     * @return {@code maker}
     */
    public static Object weakValues(Object maker) {
        ((MapMakerStandIn) maker).weakValues = true;
        return maker;
    }

    /**
     * In place of {@code maker.makeMap()}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param maker the builder stand-in
     * @return a new concurrent map with the references the builder asked for
     */
    public static <K, V> ConcurrentMap<K, V> makeMap(Object maker) {
        return ((MapMakerStandIn) maker).weakValues ? new WeakValueMap<>() : new ConcurrentHashMap<>();
    }
}
