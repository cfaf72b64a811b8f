/**
 * Pools of worker greenlets: greenhouse's {@code greenhouse.pool} in Java.
 *
 * <p>{@link io.greenhouse.pool.OneWayPool} runs a function on each input and discards the results;
 * {@link io.greenhouse.pool.Pool} queues the results in completion order and
 * {@link io.greenhouse.pool.OrderedPool} in input order; {@link io.greenhouse.pool.Pools#map} applies a
 * function to a collection with a temporary ordered pool.
 *
 * <p>Pools are created stopped: {@code start()} schedules the workers (it returns the pool, so
 * {@code try (var pool = new Pool<>(f, 4).start())} reads as greenhouse's {@code with Pool(f, 4) as pool:}),
 * and {@code close()}, which try-with-resources calls, lets the queued inputs finish and stops the
 * workers. Workers survive exceptions of the function: {@code OneWayPool} passes them to the scheduler's
 * exception handlers, {@code Pool} and {@code OrderedPool} rethrow them from {@code get()}, as greenhouse
 * does. A pool belongs to the hub of the thread that created it.
 */
package io.greenhouse.pool;
