/**
 * Greenhouse for Java: greenlets (cooperatively scheduled Quasar fibers) run by one {@link io.greenhouse.Hub}
 * per thread, with greenhouse's scheduling semantics.
 *
 * <p>Start with {@link io.greenhouse.Scheduler} (greenhouse's {@code greenhouse.scheduler}),
 * {@link io.greenhouse.Greenlet} and {@link io.greenhouse.Hub}. {@link io.greenhouse.GreenLockSupport} is the
 * low-level park/unpark layer for writing primitives, and {@link io.greenhouse.Poller} the service-provider
 * interface for pollers.
 */
package io.greenhouse;
