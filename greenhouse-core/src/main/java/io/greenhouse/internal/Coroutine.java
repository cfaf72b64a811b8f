package io.greenhouse.internal;

/**
 * The suspendable execution of one greenlet's body, as a {@link ContinuationBackend} made it: the typed
 * handle the loop keeps per greenlet and passes back to its backend. Only the backend that created a
 * coroutine looks inside it.
 */
public interface Coroutine {
}
