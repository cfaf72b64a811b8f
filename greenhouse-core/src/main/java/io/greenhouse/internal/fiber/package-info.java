/**
 * Internal: not API, may change in any release.
 *
 * <p>The only package that talks to Quasar: greenlets are Quasar fibers whose scheduler runs them
 * synchronously on the hub's thread. Keeping Quasar behind {@link io.greenhouse.internal.fiber.FiberGlue}
 * keeps a second continuation backend cheap to add.
 */
package io.greenhouse.internal.fiber;
