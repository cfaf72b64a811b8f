package io.greenhouse.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.greenhouse.Greenlet;

/**
 * Every greenlet of a hub that was scheduled and is not yet dead, most recent first: what {@code Hub.close()}
 * ends, what deadlock reports list, and what leak checks count. A greenlet joins when it first enters a queue
 * or a timer, and leaves when it dies. The main greenlet is never in it.
 *
 * <p>An intrusive doubly linked list through {@link Strand}'s {@code prevLive}/{@code nextLive}, which only
 * this class writes: linking and unlinking allocate nothing. Threading: hub thread only.
 */
final class LiveList {
    private Strand head;   // hub thread only; most recently linked first
    private int count;     // hub thread only; length of the list at head

    /** Links {@code s} unless it is linked already or is the main greenlet. */
    void link(Strand s) {
        if (s.linked || s.isMain()) {
            return;
        }
        s.linked = true;
        s.nextLive = head;
        if (head != null) {
            head.prevLive = s;
        }
        head = s;
        count++;
    }

    /** Unlinks {@code s} if it is linked. */
    void unlink(Strand s) {
        if (!s.linked) {
            return;
        }
        s.linked = false;
        if (s.prevLive != null) {
            s.prevLive.nextLive = s.nextLive;
        } else {
            head = s.nextLive;
        }
        if (s.nextLive != null) {
            s.nextLive.prevLive = s.prevLive;
        }
        s.prevLive = null;
        s.nextLive = null;
        count--;
    }

    int count() {
        return count;
    }

    /** The live greenlets at this moment, most recent first. */
    List<Strand> snapshot() {
        List<Strand> all = new ArrayList<>(count);
        for (Strand s = head; s != null; s = s.nextLive) {
            all.add(s);
        }
        return all;
    }

    /** The live greenlets' public faces, oldest first. */
    List<Greenlet> greenlets() {
        List<Greenlet> all = new ArrayList<>(count);
        for (Strand s = head; s != null; s = s.nextLive) {
            all.add(s.greenlet());
        }
        Collections.reverse(all);
        return all;
    }

    /** Forgets every greenlet (the hub closed). */
    void clear() {
        Strand s = head;
        while (s != null) {
            Strand next = s.nextLive;
            s.linked = false;
            s.prevLive = null;
            s.nextLive = null;
            s = next;
        }
        head = null;
        count = 0;
    }
}
