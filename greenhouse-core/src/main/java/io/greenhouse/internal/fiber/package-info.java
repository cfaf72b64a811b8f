/**
 * Internal: not API, may change in any release.
 *
 * <p>The package that talks to Quasar: greenlets are Quasar fibers whose scheduler runs them synchronously
 * on the hub's thread. Keeping Quasar behind {@link io.greenhouse.internal.fiber.FiberGlue} keeps a second
 * continuation backend cheap to add. Two exceptions, measured: {@code Scheduler.pause} and
 * {@code GreenLockSupport}'s parks call {@code Fiber.park} directly, because every suspendable frame between
 * a greenlet's body and the park is saved and restored on every switch (about 25 ns each here).
 */
package io.greenhouse.internal.fiber;
