/**
 * Internal: not API, may change in any release.
 *
 * <p>The machinery under {@code io.greenhouse}: a hub's engine ({@link io.greenhouse.internal.Loop}: run
 * queues, inbox, poller; its turns and refill order in {@link io.greenhouse.internal.Turns}, its park protocol in
 * {@link io.greenhouse.internal.Parks}), the greenlet state machine ({@link io.greenhouse.internal.Strand})
 * and the live list, timers ({@link io.greenhouse.internal.TimerHeap}), time in nanoseconds
 * ({@link io.greenhouse.internal.HubClock}), hooks and handlers, deadlock reports and the stall watchdog, and
 * the typed interface of the continuation backend ({@link io.greenhouse.internal.ContinuationBackend}).
 *
 * <p>This package and its subpackages are also the internal access path of {@code greenhouse-io} and
 * {@code greenhouse-test}: the loop of the calling thread ({@link io.greenhouse.internal.Loop#current()}), its
 * poller, and the hooks a deterministic harness needs ({@link io.greenhouse.internal.HarnessHooks}). They are public only because Java packages leave no
 * other way across modules; nothing outside this project may rely on them.
 */
package io.greenhouse.internal;
