/**
 * Greenlet-blocking synchronization primitives: greenhouse's {@code greenhouse.util} in Java.
 *
 * <p>{@link io.greenhouse.util.Event}, {@link io.greenhouse.util.Lock}, {@link io.greenhouse.util.RLock},
 * {@link io.greenhouse.util.Condition}, {@link io.greenhouse.util.Semaphore},
 * {@link io.greenhouse.util.BoundedSemaphore}, {@link io.greenhouse.util.Counter}, the
 * {@link io.greenhouse.util.Queue} family and {@link io.greenhouse.util.Channel} block the calling greenlet,
 * never the hub's thread; {@link io.greenhouse.util.Timer} runs a function later in its own greenlet, and
 * {@link io.greenhouse.util.Local} holds a value per greenlet.
 *
 * <p>Common contract:
 * <ul>
 *   <li>Blocking methods are suspendable ({@code throws SuspendExecution}). Called from the main greenlet
 *       (plain thread code), they run the hub's loop until they can return.</li>
 *   <li>Waiters are served first come, first served. Locks and semaphores hand ownership or the permit
 *       straight to the first waiter, which is woken into the hub's woken queue, as greenhouse's
 *       {@code awoken_from_events}; queues wake waiters by {@code schedule}, as greenhouse does.</li>
 *   <li>Timeouts are {@code double} seconds on the hub's clock (negative: no limit), with {@code Duration}
 *       overloads. Timed waits return {@code true} when they got what they waited for and {@code false}
 *       when the time ran out, as {@code java.util.concurrent} does; greenhouse's {@code wait} methods
 *       return the opposite.</li>
 *   <li>An exception {@linkplain io.greenhouse.Scheduler#scheduleException scheduled} into a blocked
 *       greenlet, or {@link io.greenhouse.Scheduler#end end()}, is thrown from the blocking call. The
 *       primitive stays consistent: the greenlet leaves the waiter list, a lock, permit, signal or wake-up
 *       it had just been handed goes to the next waiter, and no queue or channel item is lost or
 *       duplicated.</li>
 *   <li>A primitive belongs to the hub of the thread that created it; using it from another thread, or
 *       after that hub was closed, throws {@link java.lang.IllegalStateException}. Misuse (releasing a lock
 *       one does not hold, a condition without its lock, over-releasing a bounded semaphore) throws
 *       {@code IllegalStateException}; negative sizes and values {@code IllegalArgumentException}; nulls
 *       {@code NullPointerException}.</li>
 * </ul>
 */
package io.greenhouse.util;
