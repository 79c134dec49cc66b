package org.picomesh.agent.migration;

/**
 * The follower recorded the acceptance of a move to this engine (move {@code moveId}): the pico may go live here. The
 * worker takes that step once the follower's transaction is committed, instead of after the follower's next look at
 * the head.
 */
record AcceptanceSeen(long moveId) {}
