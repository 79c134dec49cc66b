package org.picomesh.agent.follow;

/**
 * One of this agent's own transactions was mined in {@code block}, and a feature waits for the follower to see it
 * (a target goes live only once its follower saw its acceptance): the follower looks at the chain now instead of at
 * its next poll.
 */
public record TransactionMined(long block) {}
