package org.picomesh.contracts.follow;

import static org.picomesh.contracts.LocalMarket.CHALLENGER;
import static org.picomesh.contracts.LocalMarket.ADMIN;
import static org.picomesh.contracts.LocalMarket.ether;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.LocalMarket;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/** A market on a throw-away anvil, with what the follower's tests do to it and ask of it. */
final class FollowedMarket implements AutoCloseable {
    final LocalMarket market;
    final Web3j web3j;

    FollowedMarket() throws Exception {
        market = new LocalMarket();
        web3j = market.as(ADMIN).web3j();
    }

    /** A caller following this market with millisecond back-off. */
    Ledger ledger(int confirmations, long maxRange) {
        return new Ledger(web3j, settings(confirmations, maxRange));
    }

    FollowSettings settings(int confirmations, long maxRange) {
        return FollowSettings.of(market.deployment, confirmations).withMaxRange(maxRange)
                .withBackoff(new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    /** The market's events from its deployment to block {@code to} in one eth_getLogs: what following must yield. */
    List<Located<MarketEvent>> eventsUpTo(long to) throws Exception {
        EthFilter filter = new EthFilter(block(market.deployment.deploymentBlock().longValueExact()), block(to),
                List.of(market.deployment.registry(), market.deployment.escrow()));
        return web3j.ethGetLogs(filter).send().getLogs().stream().map(result -> (Log) result.get())
                .map(EventDecoder.market()::decode).flatMap(Optional::stream).map(MarketEvents::from).toList();
    }

    BigInteger register(int operator, String endpoint, String stake) throws Exception {
        EngineRegistry registry = market.registry(operator);
        var receipt = registry.register(SampleAdverts.advert(endpoint, 1, 5), ether(stake)).send();
        return registry.getEngineRegisteredEvents(receipt).get(0).engineId;
    }

    BigInteger openChallenge(BigInteger engineId) throws Exception {
        EngineRegistry registry = market.registry(CHALLENGER);
        return registry.getChallengeOpenedEvents(registry.openChallenge(engineId, ether("0.1")).send()).get(0).challengeId;
    }

    void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            market.anvil.call("evm_mine");
        }
    }

    long head() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    ChainPosition blockAt(long number) throws Exception {
        return new ChainPosition(number, web3j.ethGetBlockByNumber(block(number), false).send().getBlock().getHash());
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    @Override
    public void close() {
        market.close();
    }
}
