package org.picomesh.agent.challenges;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.follow.ChainFollowed;
import org.picomesh.agent.picoengine.PicoEngineProbe;
import org.picomesh.contracts.generated.EngineRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers the open challenges against the engine, soonest deadline first, but only while the pico engine behind the
 * agent really answers: an agent whose engine is down must not claim availability, and is slashed instead.
 */
@Component
class ChallengeAnswerer {
    private static final Logger log = LoggerFactory.getLogger(ChallengeAnswerer.class);

    private final ChallengeRepository challenges;
    private final EngineRegistry registry;
    private final AgentSender sender;
    private final PicoEngineProbe engine;
    private final TransactionTemplate transactions;
    private final Counter answered;
    private final Counter withheld;
    /**
     * Whether answers are being withheld because the engine is down: logged and counted once when it begins, not at
     * every poll.
     */
    private boolean withholding;

    ChallengeAnswerer(ChallengeRepository challenges, EngineRegistry registry, AgentSender sender,
            PicoEngineProbe engine, TransactionTemplate transactions, MeterRegistry meters) {
        this.challenges = challenges;
        this.registry = registry;
        this.sender = sender;
        this.engine = engine;
        this.transactions = transactions;
        this.answered = meters.counter("picomesh.agent.challenges.answered");
        this.withheld = meters.counter("picomesh.agent.challenges.withheld", "reason", "engine-down");
    }

    /** Answers every open challenge whose window is still open, once the agent has caught up with the chain. */
    @EventListener
    void answerOpen(ChainFollowed followed) {
        var open = challenges.findAnswerable(followed.chainTime());
        if (open.isEmpty()) {
            return;
        }
        if (!engine.answers()) {
            if (!withholding) {
                withholding = true;
                withheld.increment();
                log.warn("{} challenge(s) open, but the pico engine does not answer: not claiming availability",
                        open.size());
            }
            return;
        }
        if (withholding) {
            withholding = false;
            log.info("the pico engine answers again: answering {} open challenge(s)", open.size());
        }
        open.forEach(this::answer);
    }

    private void answer(Challenge challenge) {
        var call = registry.answerChallenge(BigInteger.valueOf(challenge.id()));
        try {
            var receipt = sender.send(new Outgoing("answer", "challenge " + challenge.id(),
                    registry.getContractAddress(), call.encodeFunctionCall()));
            record(challenge.id(), c -> c.answerSent(receipt.getTransactionHash()));
            answered.increment();
            log.info("answered challenge {} (tx {})", challenge.id(), receipt.getTransactionHash());
        } catch (TransactionFailed.StillPending e) {
            // the answer sent earlier (or put back in the pool by a reorganisation) will close it: no second one
            log.debug("challenge {}: {}", challenge.id(), e.getMessage());
        } catch (TransactionFailed.Reverted e) {
            // NoOpenChallenge: answered already, by an answer the follower has not applied yet; its event closes it
            record(challenge.id(), c -> c.answerFailed(e.getMessage()));
            log.info("challenge {} not answered: {}", challenge.id(), e.getMessage());
        } catch (TransactionFailed e) {
            record(challenge.id(), c -> c.answerFailed(e.getMessage()));
            log.warn("answering challenge {} failed, will retry: {}", challenge.id(), e.getMessage());
        }
    }

    private void record(long id, java.util.function.Consumer<Challenge> change) {
        transactions.executeWithoutResult(status -> challenges.findById(id).ifPresent(c -> {
            change.accept(c);
            challenges.save(c);
        }));
    }
}
