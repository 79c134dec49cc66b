package org.picomesh.agent.challenges;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.follow.MarketListener;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The challenges against this agent's engine, as the chain tells them: opened, then answered or executed. A
 * reorganisation forgets those opened in the dropped blocks and reopens those whose answer was dropped.
 */
@Component
class ChallengeLedger implements MarketListener {
    private static final Logger log = LoggerFactory.getLogger(ChallengeLedger.class);

    private final ChallengeRepository challenges;
    private final long engineId;
    private final Counter seen;

    ChallengeLedger(ChallengeRepository challenges, AgentProperties properties, MeterRegistry meters) {
        this.challenges = challenges;
        this.engineId = properties.engineId();
        this.seen = meters.counter("picomesh.agent.challenges.seen");
    }

    @Override
    public void apply(Located<MarketEvent> located) {
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

    @Override
    public void rewind(long block) {
        challenges.deleteOpenedAfter(block);
        challenges.findClosedAfter(block).forEach(c -> {
            c.reopened();
            challenges.save(c);
        });
    }

    private void close(long challengeId, String how, long block) {
        challenges.findById(challengeId).ifPresent(c -> {
            c.closed(how, block);
            challenges.save(c);
        });
    }
}
