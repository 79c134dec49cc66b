package org.picomesh.agent.migration;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.picomesh.agent.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a failed step leaves the move to: one that failed for a passing reason is tried again with a doubling
 * back-off, a bounded number of times; then (or at once for a lasting reason) a target rejects the move, a source
 * waits for the chain to end it.
 */
@Component
class FailedSteps {
    private static final Logger log = LoggerFactory.getLogger(FailedSteps.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /** The longest back-off, in polls: 20 s at the default poll, so an expiry is never noticed much later. */
    private static final int LONGEST_RETRY_POLLS = 40;
    /**
     * Target states a failure turns into a rejection. Not ACCEPTING: an acceptance was mined, and the pico may have
     * run here before a reorganisation took it back; the chain ends it (expiry) instead.
     */
    private static final Set<MoveState> REJECTABLE = EnumSet.of(MoveState.AWAITING_OFFER, MoveState.OFFERED,
            MoveState.IMPORTING, MoveState.IMPORTED);

    private final MoveJournal journal;
    private final TargetJournal targetJournal;
    private final AgentProperties properties;

    FailedSteps(MoveJournal journal, TargetJournal targetJournal, AgentProperties properties) {
        this.journal = journal;
        this.targetJournal = targetJournal;
        this.properties = properties;
    }

    /** The step failed for a passing reason: the next attempt after a back-off, unless the attempts are spent. */
    void retry(Move move, String why) {
        if (move.attempts() + 1 >= properties.moveAttempts()) {
            fail(move, "gave up after " + properties.moveAttempts() + " tries: " + why);
            return;
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(move.attempts(), 10));
        if (wait.compareTo(longestRetry()) > 0) {
            wait = longestRetry();
        }
        log.info("move {} ({} {}): {}; trying again in {} ms", move.id(), move.side(), move.state(), why,
                wait.toMillis());
        journal.failed(move.id(), wait, why);
    }

    /** The move cannot go on. */
    void fail(Move move, String why) {
        log.warn("move {} ({} {}) cannot go on: {}", move.id(), move.side(), move.state(), why);
        if (move.side() == Side.TARGET && REJECTABLE.contains(move.state())) {
            targetJournal.rejecting(move.id(), why, null);
        } else {
            journal.failed(move.id(), longestRetry(), why); // the chain ends it: rejection or expiry
        }
    }

    private Duration longestRetry() {
        return properties.movePoll().multipliedBy(LONGEST_RETRY_POLLS);
    }
}
