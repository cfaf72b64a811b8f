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
 * {@link io.greenhouse.internal.backend.JdkBackend} on the JDK's own one-shot continuations (JDK 21+,
 * {@code jdk.internal.vm.Continuation}, reached through method handles so that this package still compiles for
 * JDK 17), with {@link io.greenhouse.internal.backend.Pinning} explaining a continuation that cannot yield;
 * {@link io.greenhouse.internal.backend.Backends} selects the backend of the JVM ({@code -Dgreenhouse.backend});
 * {@link io.greenhouse.internal.backend.ParkSites} holds the timed park call sites and the {@code static final}
 * switch every call site uses: Quasar's park is called from the call site's own frame, the JDK backend's
 * through {@code ContinuationBackend.park()} (its switch cost does not grow with the frames in between).
 */
package io.greenhouse.internal.backend;
