package io.greenhouse;

import static io.greenhouse.HubArgs.own;

import java.util.Objects;

import io.greenhouse.internal.Strand;

/**
 * What {@link Scheduler}'s handler and hook calls do: register and remove exception handlers and switch hooks,
 * global to the calling thread's hub or local to one of its greenlets, and pass an exception to the handlers.
 * The lists hold each entry weakly (see {@link io.greenhouse.internal.Callbacks}); each method returns what the
 * {@link Scheduler} method of the same concept documents.
 *
 * <p>Threading: stateless; every method acts on, and must be called by, the thread that owns the hub.
 */
final class Registrations {
    private Registrations() {
    }

    /**
     * As {@link Scheduler#globalExceptionHandler(ExceptionHandler)}.
     *
     * @param handler the handler to register
     * @return {@code handler}
     */
    static ExceptionHandler addGlobalHandler(ExceptionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return Hub.checkedLoop().callbacks().globalHandlers().add(handler);
    }

    /**
     * As {@link Scheduler#removeGlobalExceptionHandler(ExceptionHandler)}.
     *
     * @param handler the handler to remove
     * @return true if it was registered
     */
    static boolean removeGlobalHandler(ExceptionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return Hub.checkedLoop().callbacks().globalHandlers().remove(handler);
    }

    /**
     * As {@link Scheduler#localExceptionHandler(ExceptionHandler, Greenlet)}.
     *
     * @param handler the handler to register
     * @param coro the greenlet whose failures it takes
     * @return {@code handler}
     */
    static ExceptionHandler addLocalHandler(ExceptionHandler handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").localHandlers().add(handler);
    }

    /**
     * As {@link Scheduler#removeLocalExceptionHandler(ExceptionHandler, Greenlet)}.
     *
     * @param handler the handler to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    static boolean removeLocalHandler(ExceptionHandler handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").localHandlers().remove(handler);
    }

    /**
     * As {@link Scheduler#handleException(Throwable, Greenlet)}.
     *
     * @param exc the throwable to hand to the handlers
     * @param coro the greenlet whose local handlers run
     */
    static void handleException(Throwable exc, Greenlet coro) {
        Objects.requireNonNull(exc, "exc");
        Strand s = own(coro, "coro");
        s.loop().callbacks().handleException(exc, s);
    }

    /**
     * As {@link Scheduler#globalHook(SwitchHook)}.
     *
     * @param handler the hook to register
     * @return {@code handler}
     */
    static SwitchHook addGlobalHook(SwitchHook handler) {
        Objects.requireNonNull(handler, "handler");
        return Hub.checkedLoop().callbacks().globalHooks().add(handler);
    }

    /**
     * As {@link Scheduler#removeGlobalHook(SwitchHook)}.
     *
     * @param handler the hook to remove
     * @return true if it was registered
     */
    static boolean removeGlobalHook(SwitchHook handler) {
        Objects.requireNonNull(handler, "handler");
        return Hub.checkedLoop().callbacks().globalHooks().remove(handler);
    }

    /**
     * As {@link Scheduler#localIncomingHook(LocalHook, Greenlet)}.
     *
     * @param handler the hook to register
     * @param coro the greenlet whose turns it watches
     * @return {@code handler}
     */
    static LocalHook addIncomingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").incomingHooks().add(handler);
    }

    /**
     * As {@link Scheduler#removeLocalIncomingHook(LocalHook, Greenlet)}.
     *
     * @param handler the hook to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    static boolean removeIncomingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").incomingHooks().remove(handler);
    }

    /**
     * As {@link Scheduler#localOutgoingHook(LocalHook, Greenlet)}.
     *
     * @param handler the hook to register
     * @param coro the greenlet whose turns it watches
     * @return {@code handler}
     */
    static LocalHook addOutgoingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").outgoingHooks().add(handler);
    }

    /**
     * As {@link Scheduler#removeLocalOutgoingHook(LocalHook, Greenlet)}.
     *
     * @param handler the hook to remove
     * @param coro the greenlet it was registered for
     * @return true if it was registered
     */
    static boolean removeOutgoingHook(LocalHook handler, Greenlet coro) {
        Objects.requireNonNull(handler, "handler");
        return own(coro, "coro").outgoingHooks().remove(handler);
    }
}
