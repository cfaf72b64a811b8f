/**
 * Internal: not API, may change in any release.
 *
 * <p>The continuation backends and the park call sites: the only package that talks to Quasar
 * ({@code co.paralleluniverse.*}), apart from {@code SuspendExecution} and {@code @Suspendable} in signatures.
 * {@link io.greenhouse.internal.backend.QuasarBackend} implements
 * {@link io.greenhouse.internal.ContinuationBackend} on Quasar fibers run in place on the hub's thread;
 * {@link io.greenhouse.internal.backend.Backends} selects the backend of the JVM ({@code -Dgreenhouse.backend});
 * {@link io.greenhouse.internal.backend.ParkSites} is where every suspension happens, with the hub's bookkeeping
 * and the selected backend's park in one frame. A second backend (JDK 21+'s one-shot continuations) joins this
 * package: an implementation of the interface, a name in {@code Backends}, and a branch of the park sites'
 * {@code static final} switch.
 */
package io.greenhouse.internal.backend;
