package org.picomesh.agent.operator;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.picomesh.contracts.follow.MarketEvent.ChallengeOpened;
import org.picomesh.contracts.generated.EngineRegistry;

/**
 * What the chain says about an engine: the registry's view of it, its open challenges (their ids from the logs,
 * their state from the registry), its current advert (the registry keeps only its hash: the strings are in the
 * last {@code AdvertPublished}) and what its payout address can withdraw.
 */
record ChainStatus(long engineId, long block, EngineRegistry.EngineView engine, List<OpenChallenge> challenges,
        Optional<AdvertPublished> advert, BigInteger payoutCredit) {

    record OpenChallenge(long id, Instant deadline) {}

    static ChainStatus read(ChainConnection connection, Deployment deployment, long engineId) throws Exception {
        EngineRegistry registry = connection.registry(deployment.registry());
        requireEngine(registry, engineId);
        long block = connection.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        EngineRegistry.EngineView engine = registry.engine(BigInteger.valueOf(engineId)).send();
        EngineLogs logs = new EngineLogs(connection.web3j(), deployment.deploymentBlock());
        List<OpenChallenge> open = engine.openChallenges.signum() == 0 ? List.of()
                : openChallenges(registry, logs.find(deployment.registry(), EngineRegistry.CHALLENGEOPENED_EVENT, 2,
                        engineId, ChallengeOpened.class));
        List<Located<AdvertPublished>> adverts = logs.find(deployment.registry(), EngineRegistry.ADVERTPUBLISHED_EVENT,
                1, engineId, AdvertPublished.class);
        Optional<AdvertPublished> advert = adverts.isEmpty() ? Optional.empty()
                : Optional.of(adverts.get(adverts.size() - 1).event());
        BigInteger credit = registry.creditOf(engine.payout).send();
        return new ChainStatus(engineId, block, engine, open, advert, credit);
    }

    static void requireEngine(EngineRegistry registry, long engineId) throws Exception {
        long count = registry.engineCount().send().longValueExact();
        if (engineId < 1 || engineId > count) {
            throw new AgentException("there is no engine " + engineId + " on this chain (" + count + " registered)");
        }
    }

    private static List<OpenChallenge> openChallenges(EngineRegistry registry, List<Located<ChallengeOpened>> opened)
            throws Exception {
        List<OpenChallenge> open = new ArrayList<>();
        for (Located<ChallengeOpened> located : opened) {
            long id = located.event().challengeId();
            BigInteger deadline = registry.challenge(BigInteger.valueOf(id)).send().deadline;
            if (deadline.signum() != 0) {
                open.add(new OpenChallenge(id, Instant.ofEpochSecond(deadline.longValueExact())));
            }
        }
        return open;
    }
}
