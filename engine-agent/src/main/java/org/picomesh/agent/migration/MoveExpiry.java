package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import org.picomesh.agent.chain.TransactionFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Either side expires a move whose window ran out, by the chain's clock (the follower's reading when it is recent):
 * the follower then ends the move. Looked at before each of the worker's steps.
 */
@Component
class MoveExpiry {
    private static final Logger log = LoggerFactory.getLogger(MoveExpiry.class);
    /** States in which the move window still matters: before the acceptance (as this side saw it) or an end. */
    private static final Set<MoveState> EXPIRABLE = EnumSet.of(MoveState.REQUESTED, MoveState.LEAVING,
            MoveState.SEALED, MoveState.OFFERED, MoveState.AWAITING_OFFER, MoveState.IMPORTING, MoveState.IMPORTED,
            MoveState.ACCEPTING);

    private final MoveJournal journal;
    private final MoveChain chain;
    private final FollowedClock clock = new FollowedClock();

    MoveExpiry(MoveJournal journal, MoveChain chain) {
        this.journal = journal;
        this.chain = chain;
    }

    /** The chain's time (unix seconds) the follower just read. */
    void followed(long chainTime) {
        clock.followed(chainTime);
    }

    /**
     * Sends an expiry once the chain's clock is past the deadline of a move the window still matters to; whether it
     * did (or tried): then the worker leaves the move for now.
     */
    boolean expired(Move move) {
        if (!EXPIRABLE.contains(move.state())) {
            return false;
        }
        try {
            // the follower's reading when it is recent: one call to the node fewer per step
            OptionalLong recent = clock.recent();
            long now = recent.isPresent() ? recent.getAsLong() : chain.chainTime();
            if (now <= move.deadline().getEpochSecond()) {
                return false;
            }
            chain.expire(move.leaseId());
            log.info("expired the move of lease {}: its window ran out", move.leaseId());
        } catch (TransactionFailed.Reverted e) {
            log.debug("expiring lease {}'s move reverted: {}", move.leaseId(), e.getMessage());
        } catch (MoveFailure | TransactionFailed e) {
            log.info("expiring the move of lease {} failed, will retry: {}", move.leaseId(), e.getMessage());
        }
        journal.later(move.id(), Instant.now().plus(FailedSteps.FIRST_RETRY));
        return true;
    }
}
