package io.greenhouse.internal.backend;

import io.greenhouse.GreenRunnable;
import io.greenhouse.internal.Coroutine;

/**
 * One greenlet's body as a JDK continuation: the continuation's target, which runs the greenlet's
 * {@link GreenRunnable} and records how it ended, so that nothing ever escapes into the JDK's
 * {@code Continuation.run}.
 */
final class JdkCoroutine implements Coroutine, Runnable {
    final GreenRunnable body;   // immutable
    final Object continuation;  // immutable; the jdk.internal.vm.Continuation that runs this
    Throwable failure;          // hub thread only; what the body threw, set once when it ends

    JdkCoroutine(GreenRunnable body) {
        this.body = body;
        this.continuation = JdkBackend.newContinuation(this);
    }

    /** The continuation's body: the greenlet's, with its failure caught. */
    @Override
    public void run() {
        try {
            body.run();
        } catch (Throwable t) {
            failure = t;
        }
    }
}
