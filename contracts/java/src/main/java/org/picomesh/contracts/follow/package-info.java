/**
 * Following the market's events, reorganisation-safe: {@link org.picomesh.contracts.follow.LogFollower} reads the
 * registry's and the escrow's logs in confirmed ranges as typed {@link org.picomesh.contracts.follow.MarketEvent}s,
 * and says when the caller's checkpoint left the chain and where to rewind to. The caller owns all state (the
 * checkpoint and a few block hashes) and stores it with its effects, so a crash at any point repeats no event and
 * loses none.
 *
 * <pre>{@code
 * LogFollower follower = new LogFollower(web3j, FollowSettings.of(deployment, 2), store::blockHash);
 * Step step = follower.next(store.checkpoint());
 * if (step instanceof Step.Events events) {
 *     // one transaction: apply events.events(), store events.to() as the checkpoint and events.blocks()' hashes
 * } else if (step instanceof Step.Rewind rewind) {
 *     // one transaction: undo what blocks after rewind.to() did, forget their hashes, checkpoint rewind.to()
 * } // else Step.AtHead: wait a block time and ask again
 * }</pre>
 *
 * <p>A caller that backfills a long chain gives the settings a {@link org.picomesh.contracts.follow.ReadAhead}:
 * ranges are then read by threads of the follower ahead of the caller, each sized to hold about the events aimed
 * at, and the caller streams several into one transaction, taking each after the first with
 * {@link org.picomesh.contracts.follow.LogFollower#following}. A preparation given to the follower turns each
 * range's logs into what the caller writes (the directory's COPY bytes) on the thread that read them.
 */
package org.picomesh.contracts.follow;
