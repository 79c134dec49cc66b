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

/**
 * An engine's life on a real anvil, through the generated wrappers: register, update, stake, keys, challenges, slashes,
 * unbonding.
 */
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
        assertThat(decoded.text("encryptionKey")).isEqualTo(org.web3j.utils.Numeric.toHexString(advert.encryptionKey));
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
                .hasMessageContaining("NotAgent").hasMessageContaining("only the agent or the operator of engine " + id);
    }

    @Test
    void theOperatorRotatesItsAgentKeyAndTheAgentCannotTouchTheStake() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        market.registry(OPERATOR).setAgent(id, address(AGENT)).send();
        market.registry(OPERATOR).setPayout(id, address(PAYOUT)).send();
        EngineRegistry.EngineView engine = market.registry(STRANGER).engine(id).send();
        assertThat(engine.agent).isEqualToIgnoringCase(address(AGENT));
        assertThat(engine.payout).isEqualToIgnoringCase(address(PAYOUT));

        market.registry(AGENT).updateAdvert(id, SampleAdverts.advert(5)).send();
        assertThatThrownBy(() -> market.registry(AGENT).requestUnbond(id, ether("1")).send())
                .hasMessageContaining("NotOperator");
        assertThatThrownBy(() -> market.registry(AGENT).setPayout(id, address(AGENT)).send())
                .hasMessageContaining("NotOperator");

        market.registry(OPERATOR).setAgent(id, address(STRANGER)).send();
        assertThatThrownBy(() -> market.registry(AGENT).updateAdvert(id, SampleAdverts.advert(6)).send())
                .hasMessageContaining("NotAgent");
    }

    @Test
    void theOperatorRoleChangesHandsInTwoSteps() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        market.registry(OPERATOR).transferOperator(id, address(OTHER_OPERATOR)).send();
        assertThatThrownBy(() -> market.registry(STRANGER).acceptOperator(id).send())
                .hasMessageContaining("NotPendingOperator");
        market.registry(OTHER_OPERATOR).acceptOperator(id).send();
        assertThat(market.registry(STRANGER).engine(id).send().operator).isEqualToIgnoringCase(address(OTHER_OPERATOR));
        assertThatThrownBy(() -> market.registry(OPERATOR).requestUnbond(id, ether("0.1")).send())
                .hasMessageContaining("NotOperator");
    }

    @Test
    void anAnsweredChallengePaysTheBondToThePayoutAddress() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        market.registry(OPERATOR).setAgent(id, address(AGENT)).send();
        market.registry(OPERATOR).setPayout(id, address(PAYOUT)).send();
        BigInteger challenge = openChallenge(id);
        market.registry(AGENT).answerChallenge(challenge).send();

        BigInteger credit = market.registry(PAYOUT).creditOf(address(PAYOUT)).send();
        assertThat(credit).isGreaterThanOrEqualTo(ether("0.1"));
        assertThat(market.registry(OPERATOR).engine(id).send().stake).isEqualTo(ether("1"));
        BigInteger before = market.balance(address(PAYOUT));
        TransactionReceipt receipt = market.registry(PAYOUT).withdrawCredit().send();
        assertThat(market.balance(address(PAYOUT))).isEqualTo(before.add(credit).subtract(fee(receipt)));
        assertThatThrownBy(() -> market.registry(PAYOUT).withdrawCredit().send()).hasMessageContaining("NoPayout");
    }

    @Test
    void anUnansweredChallengeSlashesTenPercentSplitBetweenChallengerAndTreasury() throws Exception {
        BigInteger id = register(OTHER_OPERATOR, "2");
        BigInteger challengerBefore = market.registry(CHALLENGER).creditOf(address(CHALLENGER)).send();
        BigInteger treasuryBefore = market.registry(CHALLENGER).creditOf(address(TREASURY)).send();
        BigInteger challenge = openChallenge(id);
        assertThatThrownBy(() -> market.registry(STRANGER).executeChallenge(challenge).send())
                .hasMessageContaining("ChallengeWindowOpen");

        market.anvil.increaseTime(Duration.ofHours(1).plusSeconds(1));
        assertThatThrownBy(() -> market.registry(OTHER_OPERATOR).answerChallenge(challenge).send())
                .hasMessageContaining("ChallengeWindowClosed");
        TransactionReceipt receipt = market.registry(STRANGER).executeChallenge(challenge).send();

        assertThat(market.registry(STRANGER).engine(id).send().stake).isEqualTo(ether("1.8"));
        var slashed = market.registry(STRANGER).getEngineSlashedEvents(receipt).get(0);
        assertThat(slashed.stake).isEqualTo(ether("1.8"));
        assertThat(slashed.unbonding).isZero();
        assertThat(market.registry(STRANGER).creditOf(address(CHALLENGER)).send().subtract(challengerBefore))
                .isEqualTo(ether("0.2")); // half of the 0.2 slash plus the 0.1 bond back
        assertThat(market.registry(STRANGER).creditOf(address(TREASURY)).send().subtract(treasuryBefore))
                .isEqualTo(ether("0.1"));
    }

    @Test
    void anArbiterSlashesACaseOnceWithinItsCapAndStrangersCannot() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        byte[] caseId = org.web3j.crypto.Hash.sha3("case 1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        market.registry(ARBITER).arbiterSlash(id, caseId, BigInteger.valueOf(1_500), "bafkreiarbitercase").send();
        EngineRegistry.EngineView engine = market.registry(ARBITER).engine(id).send();
        assertThat(engine.stake).isEqualTo(ether("0.85"));
        assertThat(engine.listed).isFalse();
        assertThat(engine.halted).isTrue();

        assertThatThrownBy(() -> market.registry(ARBITER)
                .arbiterSlash(id, caseId, BigInteger.valueOf(1_000), "bafkreiarbitercase").send())
                .hasMessageContaining("CaseAlreadySlashed");
        byte[] other = new byte[32];
        assertThatThrownBy(() -> market.registry(ARBITER).arbiterSlash(id, other, BigInteger.valueOf(2_001), "case").send())
                .hasMessageContaining("InvalidSlash");
        assertThatThrownBy(() -> market.registry(STRANGER).arbiterSlash(id, other, BigInteger.ONE, "case").send())
                .hasMessageContaining("AccessControlUnauthorizedAccount");
    }

    @Test
    void unbondedStakeIsWithdrawnOnlyAfterTheUnbondingPeriod() throws Exception {
        BigInteger id = register(OPERATOR, "1.5");
        EngineRegistry registry = market.registry(OPERATOR);
        registry.requestUnbond(id, ether("1")).send();
        assertThat(registry.engine(id).send().listed).isFalse();
        assertThatThrownBy(() -> registry.withdraw(id).send()).hasMessageContaining("UnbondingLocked");
        // an engine that unbonded below the minimum can still be challenged, and cannot leave while challenged
        BigInteger challenge = openChallenge(id);
        market.anvil.increaseTime(Duration.ofDays(7));
        assertThatThrownBy(() -> registry.withdraw(id).send()).hasMessageContaining("ChallengePending");
        market.registry(STRANGER).executeChallenge(challenge).send(); // unanswered: slashed, active stake first
        assertThat(registry.engine(id).send().stake).isEqualTo(ether("0.35"));


        BigInteger before = market.balance(address(OPERATOR));
        TransactionReceipt receipt = registry.withdraw(id).send();
        assertThat(market.balance(address(OPERATOR))).isEqualTo(before.add(ether("1")).subtract(fee(receipt)));
        assertThatThrownBy(() -> registry.withdraw(id).send()).hasMessageContaining("NothingToWithdraw");
    }

    @Test
    void trustListsAreCuratedByTheirCreator() throws Exception {
        BigInteger id = register(OPERATOR, "1");
        EngineRegistry curator = market.registry(SPONSOR);
        TransactionReceipt receipt = curator.createTrustList("audited by picolabs").send();
        BigInteger list = curator.getTrustListCreatedEvents(receipt).get(0).listId;
        curator.setTrusted(list, id, true).send();

        assertThat(curator.isTrusted(list, id).send()).isTrue();
        assertThatThrownBy(() -> market.registry(STRANGER).setTrusted(list, id, false).send())
                .hasMessageContaining("NotCurator");
    }

    private BigInteger openChallenge(BigInteger engineId) throws Exception {
        EngineRegistry registry = market.registry(CHALLENGER);
        TransactionReceipt receipt = registry.openChallenge(engineId, ether("0.1")).send();
        return registry.getChallengeOpenedEvents(receipt).get(0).challengeId;
    }

    private BigInteger register(int operator, String stake) throws Exception {
        EngineRegistry registry = market.registry(operator);
        TransactionReceipt receipt = registry.register(SampleAdverts.advert(operator), ether(stake)).send();
        return registry.getEngineRegisteredEvents(receipt).get(0).engineId;
    }
}
