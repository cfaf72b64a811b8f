package io.greenhouse.quasar.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A concurrent map that holds its values weakly: an entry whose value was collected is gone (reads skip it,
 * writes remove it). Null keys and values are refused. {@link #entrySet()} is a snapshot of the live
 * entries and cannot change the map.
 *
 * <p>Threading: any thread, as {@link ConcurrentHashMap}.
 */
final class WeakValueMap<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
    private final ConcurrentHashMap<K, Ref<K, V>> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<V> collected = new ReferenceQueue<>();

    private static final class Ref<K, V> extends WeakReference<V> {
        final K key;   // immutable

        Ref(K key, V value, ReferenceQueue<V> queue) {
            super(Objects.requireNonNull(value, "value"), queue);
            this.key = Objects.requireNonNull(key, "key");
        }
    }

    private void removeCollected() {
        Reference<? extends V> gone;
        while ((gone = collected.poll()) != null) {
            Ref<?, ?> ref = (Ref<?, ?>) gone;
            entries.remove(ref.key, ref);
        }
    }

    private static <V> V valueOf(Ref<?, V> ref) {
        return ref == null ? null : ref.get();
    }

    @Override
    public V get(Object key) {
        return valueOf(entries.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public V put(K key, V value) {
        removeCollected();
        return valueOf(entries.put(key, new Ref<>(key, value, collected)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        removeCollected();
        Ref<K, V> fresh = new Ref<>(key, value, collected);
        for (;;) {
            Ref<K, V> old = entries.putIfAbsent(key, fresh);
            V current = valueOf(old);
            if (old == null) {
                return null;
            }
            if (current != null) {
                return current;
            }
            if (entries.replace(key, old, fresh)) {
                return null;
            }
        }
    }

    @Override
    public V remove(Object key) {
        removeCollected();
        return valueOf(entries.remove(key));
    }

    @Override
    public boolean remove(Object key, Object value) {
        removeCollected();
        Ref<K, V> ref = entries.get(key);
        return ref != null && value != null && value.equals(ref.get()) && entries.remove(key, ref);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        removeCollected();
        Ref<K, V> ref = entries.get(key);
        return ref != null && Objects.requireNonNull(oldValue, "oldValue").equals(ref.get())
                && entries.replace(key, ref, new Ref<>(key, newValue, collected));
    }

    @Override
    public V replace(K key, V value) {
        removeCollected();
        Ref<K, V> fresh = new Ref<>(key, value, collected);
        for (;;) {
            Ref<K, V> old = entries.get(key);
            V current = valueOf(old);
            if (current == null) {
                return null;
            }
            if (entries.replace(key, old, fresh)) {
                return current;
            }
        }
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Map<K, V> live = new HashMap<>();
        entries.forEach((key, ref) -> {
            V value = ref.get();
            if (value != null) {
                live.put(key, value);
            }
        });
        return Map.copyOf(live).entrySet();
    }
}
