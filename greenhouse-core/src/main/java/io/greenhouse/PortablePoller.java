package io.greenhouse;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The poller of {@code greenhouse-core}: watches no I/O, and only waits for the next timer or for a
 * {@link #wakeup()} from another thread ({@link Hub#execute(Runnable)}).
 *
 * <p>Waits use {@link LockSupport#parkNanos}; the hub's thread is parked, not spinning. An interrupt of the
 * hub's thread ends the wait; its status stays set for the hub to act on (it ends the main greenlet's blocking
 * call), unless interrupts are ignored: then the poller clears it.
 */
public final class PortablePoller implements Poller {
    private volatile Thread owner;                               // the hub's thread, set by attach
    private final AtomicBoolean woken = new AtomicBoolean();     // any thread; a pending wakeup

    /** Creates a portable poller. */
    public PortablePoller() {
    }

    @Override
    public void attach(Hub hub) {
        owner = hub.thread();
    }

    @Override
    public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        if (ignoreInterrupts) {
            Thread.interrupted();   // on every return, the early ones too; else it would end the park at once
        }
        if (woken.getAndSet(false) || timeoutNanos == 0) {
            return;
        }
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        woken.set(false);
        if (ignoreInterrupts) {
            Thread.interrupted();
        }
    }

    @Override
    public void wakeup() {
        if (!woken.getAndSet(true)) {
            Thread t = owner;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public void close() {
        owner = null;
    }

    @Override
    public String toString() {
        return "portable poller";
    }

    /** Registers the portable poller with {@link Scheduler#resetPoller()} at the lowest priority. */
    public static final class Provider implements PollerProvider {
        /** Used by {@link java.util.ServiceLoader}. */
        public Provider() {
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public Poller create() {
            return new PortablePoller();
        }

        @Override
        public String name() {
            return "portable";
        }
    }
}
