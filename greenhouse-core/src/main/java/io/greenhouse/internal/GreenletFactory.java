package io.greenhouse.internal;

import io.greenhouse.GreenRunnable;

/**
 * Makes the public face and the record of each greenlet of a {@link Loop}: {@code Greenlet}'s constructor, given
 * by {@code Hub}.
 *
 * <p>Threading: called on the hub's thread. Internal: not API.
 */
@FunctionalInterface
public interface GreenletFactory {
    /**
     * A new greenlet of {@code loop} running {@code body} (null for the main greenlet); returns its record.
     *
     * @param loop the loop the greenlet belongs to
     * @param body its body, or null for the main greenlet
     * @param id its number, unique in the hub, for its default name
     * @param context the context it inherits, or null for none
     * @return the new greenlet's record
     */
    Strand create(Loop loop, GreenRunnable body, long id, Object[] context);
}
