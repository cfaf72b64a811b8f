/**
 * Internal: not API, may change in any release.
 *
 * <p>The continuation backends and the park call sites: the only package that talks to Quasar
 * ({@code co.paralleluniverse.*}), apart from {@code SuspendExecution} and {@code @Suspendable} in signatures
 * and the two untimed park call sites, {@code Scheduler.pause()} and {@code GreenLockSupport.park(Object)},
 * which call {@code Fiber.yield} themselves (a frame between them and it would cost every switch; see
 * {@link io.greenhouse.internal.backend.ParkSites}).
 * {@link io.greenhouse.internal.backend.QuasarBackend} implements
 * {@link io.greenhouse.internal.ContinuationBackend} on Quasar fibers run in place on the hub's thread;
 * {@link io.greenhouse.internal.backend.Backends} selects the backend of the JVM ({@code -Dgreenhouse.backend});
 * {@link io.greenhouse.internal.backend.ParkSites} holds the timed park call sites and the {@code static final}
 * switch every call site uses. A second backend (JDK 21+'s one-shot continuations) joins this package: an
 * implementation of the interface and a name in {@code Backends}; the call sites reach it through
 * {@code ContinuationBackend.park()}, or through a branch of their switch if its park too must be called from
 * the call site's own frame.
 */
package io.greenhouse.internal.backend;
