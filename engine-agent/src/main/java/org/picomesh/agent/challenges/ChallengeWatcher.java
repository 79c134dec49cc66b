package org.picomesh.agent.challenges;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.FollowState;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.LogFollower;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Follows the chain for challenges against this agent's engine, records each in the agent's database in the same
 * transaction as the follower's checkpoint (so one opened while the agent was down is found when it starts again),
 * then has the open ones answered. A reorganisation forgets the challenges opened in the dropped blocks and reopens
 * those whose answer was dropped.
 */
@Component
class ChallengeWatcher {
    private static final Logger log = LoggerFactory.getLogger(ChallengeWatcher.class);
    /** Steps of the follower per tick, so a long catch-up still lets answers go out between batches. */
    private static final int STEPS_PER_TICK = 20;

    private final LogFollower follower;
    private final FollowState state;
    private final ChallengeRepository challenges;
    private final ChallengeAnswerer answerer;
    private final TransactionTemplate transactions;
    private final ChainConnection chain;
    private final long engineId;
    private final Counter seen;

    ChallengeWatcher(LogFollower follower, FollowState state, ChallengeRepository challenges, ChallengeAnswerer answerer,
            TransactionTemplate transactions, ChainConnection chain, AgentProperties properties, MeterRegistry meters) {
        this.follower = follower;
        this.state = state;
        this.challenges = challenges;
        this.answerer = answerer;
        this.transactions = transactions;
        this.chain = chain;
        this.engineId = properties.engineId();
        this.seen = meters.counter("picomesh.agent.challenges.seen");
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.poll:500ms}")
    void tick() {
        try {
            for (int step = 0; step < STEPS_PER_TICK; step++) {
                Step done = transactions.execute(status -> step(follower.next(state.position())));
                if (done instanceof Step.AtHead) {
                    break;
                }
            }
            answerer.answerOpen(chainTime());
        } catch (RuntimeException e) {
            log.warn("following the chain failed, will retry: {}", e.toString());
        }
    }

    private Step step(Step next) {
        if (next instanceof Step.Events events) {
            events.events().forEach(this::apply);
            state.advance(events.to(), events.blocks());
        } else if (next instanceof Step.Rewind rewind) {
            long to = rewind.to().number();
            int forgotten = challenges.deleteOpenedAfter(to);
            challenges.findClosedAfter(to).forEach(c -> {
                c.reopened();
                challenges.save(c);
            });
            state.rewind(rewind.to());
            log.warn("chain reorganisation: rewound to block {}, forgot {} challenge(s) opened after it", to, forgotten);
        }
        return next;
    }

    private void apply(Located<MarketEvent> located) {
        MarketEvent event = located.event();
        if (event instanceof MarketEvent.ChallengeOpened opened && opened.engineId() == engineId) {
            if (challenges.findById(opened.challengeId()).isEmpty()) {
                challenges.save(new Challenge(opened.challengeId(), engineId, opened.challenger(),
                        opened.deadline().getEpochSecond(), located.blockNumber()));
                seen.increment();
                log.info("challenge {} against engine {}, answerable until {}", opened.challengeId(), engineId,
                        opened.deadline());
            }
        } else if (event instanceof MarketEvent.ChallengeAnswered answered && answered.engineId() == engineId) {
            close(answered.challengeId(), "answered", located.blockNumber());
        } else if (event instanceof MarketEvent.ChallengeExecuted executed && executed.engineId() == engineId) {
            close(executed.challengeId(), "executed", located.blockNumber());
        }
    }

    private void close(long challengeId, String how, long block) {
        challenges.findById(challengeId).ifPresent(c -> {
            c.closed(how, block);
            challenges.save(c);
        });
    }

    /** The chain's own clock (the latest block's time): challenge deadlines are in it, not in the wall clock's. */
    private long chainTime() {
        try {
            return chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the chain's latest block", e);
        }
    }
}
