package org.picomesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.picomesh.contracts.LocalMarket.*;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.errors.ContractRevertedException;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** An engine's life on a real anvil, through the generated wrappers: register, update, stake, challenges, slashes, unbonding. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineLifecycleIT {
    private LocalMarket market;

    @BeforeAll
    void startMarket() throws Exception {
        market = new LocalMarket();
    }

    @AfterAll
    void stopMarket() {
        if (market != null) {
            market.close();
        }
    }

    @Test
    void registersAnEngineWhoseAdvertHashMatchesWhatTheEventPublished() throws Exception {
        EngineRegistry registry = market.registry(OPERATOR);
        EngineRegistry.Advert advert = SampleAdverts.advert(7);
        TransactionReceipt receipt = registry.register(advert, ether("2")).send();

        BigInteger id = registry.getEngineRegisteredEvents(receipt).get(0).engineId;
        var published = registry.getAdvertPublishedEvents(receipt).get(0);
        EngineRegistry.EngineView engine = registry.engine(id).send();
        assertThat(engine.operator).isEqualToIgnoringCase(address(OPERATOR));
        assertThat(engine.stake).isEqualTo(ether("2"));
        assertThat(engine.listed).isTrue();
        assertThat(published.endpoint).isEqualTo(advert.endpoint);
        assertThat(published.did).isEqualTo(advert.did);
        assertThat(engine.advertHash).isEqualTo(published.advertHash).isEqualTo(registry.hashAdvert(advert).send());

        // the directory's fast decoder reads the same values as the generated wrappers
        MarketLog decoded = receipt.getLogs().stream().map(EventDecoder.market()::decode).flatMap(java.util.Optional::stream)
                .filter(l -> l.name().equals("AdvertPublished")).findFirst().orElseThrow();
        assertThat(decoded.id("engineId")).isEqualTo(id.longValueExact());
        assertThat(decoded.text("endpoint")).isEqualTo(published.endpoint);
        assertThat(decoded.text("metadataCid")).isEqualTo(published.metadataCid);
        assertThat(decoded.number("pricePerHour")).isEqualTo(published.pricePerHour);
        assertThat(decoded.number("capacity")).isEqualTo(published.capacity);
        assertThat(decoded.text("advertHash")).isEqualTo(org.web3j.utils.Numeric.toHexString(published.advertHash));
        MarketLog registered = receipt.getLogs().stream().map(EventDecoder.market()::decode).flatMap(java.util.Optional::stream)
                .filter(l -> l.name().equals("EngineRegistered")).findFirst().orElseThrow();
        assertThat(registered.text("operator")).isEqualTo(address(OPERATOR).toLowerCase());
        assertThat(registered.number("stake")).isEqualTo(ether("2"));
    }

    @Test
    void updatesTheAdvertAndAddsStake() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        EngineRegistry registry = market.registry(OPERATOR);
        registry.updateAdvert(id, SampleAdverts.advert(9)).send();
        registry.addStake(id, ether("0.5")).send();

        EngineRegistry.EngineView engine = registry.engine(id).send();
        assertThat(engine.pricePerHour).isEqualTo(SampleAdverts.advert(9).pricePerHour);
        assertThat(engine.stake).isEqualTo(ether("1.5"));
        assertThatThrownBy(() -> market.registry(STRANGER).updateAdvert(id, SampleAdverts.advert(9)).send())
                .isInstanceOf(ContractRevertedException.class)
                .hasMessageContaining("NotOperator").hasMessageContaining("only the operator of engine " + id);
    }

    @Test
    void anAnsweredChallengeForfeitsTheBondToTheOperator() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        market.registry(CHALLENGER).openChallenge(id, ether("0.1")).send();
        market.registry(OPERATOR).answerChallenge(id).send();

        BigInteger payout = market.registry(OPERATOR).payoutOf(address(OPERATOR)).send();
        assertThat(payout).isGreaterThanOrEqualTo(ether("0.1"));
        assertThat(market.registry(OPERATOR).engine(id).send().stake).isEqualTo(ether("1"));
        BigInteger before = market.balance(address(OPERATOR));
        TransactionReceipt receipt = market.registry(OPERATOR).withdrawPayout().send();
        assertThat(market.balance(address(OPERATOR))).isEqualTo(before.add(payout).subtract(fee(receipt)));
        assertThatThrownBy(() -> market.registry(OPERATOR).withdrawPayout().send()).hasMessageContaining("NoPayout");
    }

    @Test
    void anUnansweredChallengeSlashesTenPercentSplitBetweenChallengerAndTreasury() throws Exception {
        BigInteger id = register(OTHER_OPERATOR, "2");
        BigInteger challengerBefore = market.registry(CHALLENGER).payoutOf(address(CHALLENGER)).send();
        BigInteger treasuryBefore = market.registry(CHALLENGER).payoutOf(address(TREASURY)).send();
        market.registry(CHALLENGER).openChallenge(id, ether("0.1")).send();
        assertThatThrownBy(() -> market.registry(STRANGER).executeChallenge(id).send())
                .hasMessageContaining("ChallengeWindowOpen");

        market.anvil.increaseTime(Duration.ofHours(1).plusSeconds(1));
        assertThatThrownBy(() -> market.registry(OTHER_OPERATOR).answerChallenge(id).send())
                .hasMessageContaining("ChallengeWindowClosed");
        market.registry(STRANGER).executeChallenge(id).send();

        assertThat(market.registry(STRANGER).engine(id).send().stake).isEqualTo(ether("1.8"));
        assertThat(market.registry(STRANGER).payoutOf(address(CHALLENGER)).send().subtract(challengerBefore))
                .isEqualTo(ether("0.2")); // half of the 0.2 slash plus the 0.1 bond back
        assertThat(market.registry(STRANGER).payoutOf(address(TREASURY)).send().subtract(treasuryBefore))
                .isEqualTo(ether("0.1"));
    }

    @Test
    void anArbiterSlashesWithinItsCapAndStrangersCannot() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        market.registry(ARBITER).arbiterSlash(id, BigInteger.valueOf(1_500), "bafkreiarbitercase").send();
        assertThat(market.registry(ARBITER).engine(id).send().stake).isEqualTo(ether("0.85"));
        assertThat(market.registry(ARBITER).engine(id).send().listed).isFalse();

        assertThatThrownBy(() -> market.registry(ARBITER).arbiterSlash(id, BigInteger.valueOf(2_001), "case").send())
                .hasMessageContaining("InvalidSlash");
        assertThatThrownBy(() -> market.registry(STRANGER).arbiterSlash(id, BigInteger.ONE, "case").send())
                .hasMessageContaining("AccessControlUnauthorizedAccount");
    }

    @Test
    void unbondedStakeIsWithdrawnOnlyAfterTheUnbondingPeriod() throws Exception {
        BigInteger id = register(OPERATOR, "1.5");
        EngineRegistry registry = market.registry(OPERATOR);
        registry.requestUnbond(id, ether("1")).send();
        assertThat(registry.engine(id).send().listed).isFalse();
        assertThatThrownBy(() -> registry.withdraw(id).send()).hasMessageContaining("UnbondingLocked");

        market.anvil.increaseTime(Duration.ofDays(7));
        BigInteger before = market.balance(address(OPERATOR));
        TransactionReceipt receipt = registry.withdraw(id).send();
        assertThat(market.balance(address(OPERATOR))).isEqualTo(before.add(ether("1")).subtract(fee(receipt)));
        assertThatThrownBy(() -> registry.withdraw(id).send()).hasMessageContaining("NothingToWithdraw");
    }

    @Test
    void trustListsAreCuratedByTheirCreator() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        EngineRegistry curator = market.registry(PAYER);
        TransactionReceipt receipt = curator.createTrustList("audited by picolabs").send();
        BigInteger list = curator.getTrustListCreatedEvents(receipt).get(0).listId;
        curator.setTrusted(list, id, true).send();

        assertThat(curator.isTrusted(list, id).send()).isTrue();
        assertThatThrownBy(() -> market.registry(STRANGER).setTrusted(list, id, false).send())
                .hasMessageContaining("NotCurator");
    }

    private BigInteger register(int operator, String stake) throws Exception {
        EngineRegistry registry = market.registry(operator);
        TransactionReceipt receipt = registry.register(SampleAdverts.advert(operator), ether(stake)).send();
        return registry.getEngineRegisteredEvents(receipt).get(0).engineId;
    }
}
