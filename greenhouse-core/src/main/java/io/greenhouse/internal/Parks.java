package io.greenhouse.internal;

/**
 * The park protocol of a {@link Loop}: how the running greenlet pauses or blocks, and how its park ends. A
 * greenlet other than main is checked and queued (or marked as waiting), then its caller suspends its
 * continuation and, once resumed, ends the park; the main greenlet instead runs the loop ({@link Turns#runLoop})
 * until its turn comes back. {@link Loop#pauseCurrent}, {@link Loop#parkCurrent} and
 * {@link Loop#endParkOfCurrent} are the entry points of untimed parks; the timed park sites call
 * {@link #beginTimedPark} and {@link #endTimedPark}.
 *
 * <p>These static methods read and write the loop's fields directly, so that a park costs no frame or
 * indirection more than when they were the loop's own methods.
 *
 * <p>Threading: hub thread only. Internal: not API.
 */
public final class Parks {
    private Parks() {
    }

    /**
     * The current greenlet pauses, for {@code Scheduler.pause}. A greenlet other than main is checked and marked
     * pausing (its turn's end queues it) and true is returned: the caller then suspends, and calls
     * {@link Loop#endParkOfCurrent} when resumed. The main greenlet queues itself and runs the loop until its turn
     * comes back, and false is returned (an exception delivered meanwhile is thrown).
     */
    static boolean pause(Loop loop) {
        Strand s = loop.current;
        if (s.isMain()) {
            pauseMain(loop, s);
            return false;
        }
        loop.backend.checkSuspension(s.coroutine());
        s.pausingInTurn();
        return true;
    }

    private static void pauseMain(Loop loop, Strand main) {
        checkCanPark(loop, main);
        loop.queues.enqueue(main, RunQueues.PAUSED);
        Turns.runLoop(loop);
        main.unparked();
    }

    /**
     * The current greenlet parks on {@code blocker}, for {@code GreenLockSupport.park}: as {@link #pause}, true
     * if the caller must suspend, false once the main greenlet's loop gave it its turn back.
     */
    static boolean park(Loop loop, Object blocker) {
        Strand s = loop.current;
        beginPark(loop, s, blocker);
        if (s.isMain()) {
            Turns.runLoop(loop);
            s.unparked();
            return false;
        }
        return true;
    }

    /** The current greenlet {@code s} blocks on {@code blocker}. The caller then suspends. */
    private static void beginPark(Loop loop, Strand s, Object blocker) {
        checkCanPark(loop, s);
        if (s.parking(blocker)) {
            loop.queues.enqueue(s, RunQueues.PAUSED);
        }
    }

    /**
     * The current greenlet blocks on {@code blocker} until {@code deadline} at the latest ({@link HubClock#NEVER}:
     * no limit). The caller then suspends, or runs the loop if it is the main greenlet.
     *
     * @param loop the loop of the calling thread's hub
     * @param s the greenlet's record; the one whose turn it is
     * @param blocker what it waits on, for deadlock reports
     * @param deadline when the park ends at the latest, in nanoseconds since the epoch on the hub's clock
     */
    public static void beginTimedPark(Loop loop, Strand s, Object blocker, long deadline) {
        beginPark(loop, s, blocker);
        HubTimer t = s.parkTimer();
        if (deadline != HubClock.NEVER) {
            loop.queues.timers.add(t, deadline);
        }
    }

    /**
     * After a timed park: disarms its timer, throws the delivered exception; true unless it timed out.
     *
     * @param loop the loop of the calling thread's hub
     * @param s the greenlet's record; the one whose turn it is
     * @return false if the timer ended the park, true otherwise
     */
    public static boolean endTimedPark(Loop loop, Strand s) {
        return s.unparkedInTime(loop.queues.timers);
    }

    /**
     * The backend could not suspend the current greenlet after it began a pause or park (its continuation is
     * pinned): the greenlet runs on as if it had not, out of every queue, its park timer disarmed.
     */
    static void cancelPark(Loop loop, Strand s) {
        loop.queues.remove(s);
        s.parkCancelled(loop.queues.timers);
    }

    private static void checkCanPark(Loop loop, Strand s) {
        if (!s.isMain()) {
            loop.backend.checkSuspension(s.coroutine());
        } else if (loop.inLoop) {
            throw new IllegalStateException("blocking call from a hook, an exception handler or a poller "
                    + "callback: they run in the hub's loop and must not block");
        }
    }
}
