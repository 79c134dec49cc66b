package org.picomesh.agent.follow;

/**
 * The agent has caught up with the chain: every event up to the head is applied. {@code chainTime} is the latest
 * block's time (unix seconds): the clock challenge deadlines and lease accrual use.
 */
public record ChainFollowed(long chainTime) {}
