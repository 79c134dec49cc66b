package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.contracts.LocalMarket.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.LocalMarket;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.follow.MarketEvent.*;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.crypto.Hash;

/**
 * The follower on a real anvil: a market followed from its deployment, a few blocks a step, loses and repeats no
 * event; confirmations hold back the newest blocks.
 */
class LogFollowerIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);

    private FollowedMarket chain;
    private LocalMarket market;

    @BeforeEach
    void startMarket() throws Exception {
        chain = new FollowedMarket();
        market = chain.market;
    }

    @AfterEach
    void stopMarket() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void followsAMarketFromDeploymentThroughEnginesChallengesAndLeasesWithNothingLostOrRepeated() throws Exception {
        Ledger ledger = chain.ledger(0, 3);
        ledger.followToHead();
        BigInteger a = chain.register(OPERATOR, "https://a.example", "1");
        BigInteger b = chain.register(OTHER_OPERATOR, "https://b.example", "2");
        market.registry(OPERATOR).setAgent(a, address(AGENT)).send();
        market.registry(OPERATOR).setPayout(a, address(PAYOUT)).send();
        BigInteger list = market.registry(SPONSOR).getTrustListCreatedEvents(
                market.registry(SPONSOR).createTrustList("audited").send()).get(0).listId;
        market.registry(SPONSOR).setTrusted(list, a, true).send();
        ledger.followToHead();

        market.registry(AGENT).answerChallenge(chain.openChallenge(a)).send();
        BigInteger unanswered = chain.openChallenge(b);
        market.anvil.increaseTime(Duration.ofHours(1).plusSeconds(1));
        market.registry(STRANGER).executeChallenge(unanswered).send();
        market.registry(PAYOUT).withdrawCredit().send();
        ledger.followToHead();

        LeaseEscrow pico = market.picoEscrow(1);
        BigInteger lease = pico.getLeaseOpenedEvents(pico.openLease(a, ANY_PRICE, ether("0.01")).send()).get(0).leaseId;
        market.escrow(SPONSOR).topUp(SampleAdverts.pico(1).getAddress(), ether("0.005")).send();
        market.anvil.increaseTime(Duration.ofHours(1));
        market.escrow(AGENT).claim(a, List.of(lease)).send();
        ledger.followToHead();
        pico.moveLease(b, ANY_PRICE).send();
        market.escrow(OTHER_OPERATOR).rejectMove(lease, "snapshot hash mismatch").send();
        pico.moveLease(b, ANY_PRICE).send();
        market.escrow(OTHER_OPERATOR).acceptMove(lease).send();
        pico.close().send();
        byte[] caseId = Hash.sha3("case 1".getBytes(StandardCharsets.UTF_8));
        market.registry(ARBITER).arbiterSlash(a, caseId, BigInteger.valueOf(1_500), "bafkreicase").send();
        market.registry(OPERATOR).addStake(a, ether("0.5")).send();
        ledger.followToHead();

        long end = ledger.checkpoint.orElseThrow().number();
        assertThat(end).isEqualTo(chain.head());
        assertThat(ledger.events).isEqualTo(chain.eventsUpTo(end));
        assertThat(ledger.events.stream().map(e -> e.event().getClass().getSimpleName()).collect(Collectors.toSet()))
                .containsAll(Set.of("RoleGranted", "EngineRegistered", "AdvertPublished", "AgentChanged",
                        "PayoutAddressChanged", "TrustListCreated", "TrustListChanged", "ChallengeOpened",
                        "ChallengeAnswered", "ChallengeExecuted", "EngineSlashed", "Credited", "CreditWithdrawn",
                        "LeaseOpened", "LeaseToppedUp", "LeaseClaimed", "MoveRequested", "MoveRejected", "MoveAccepted",
                        "LeaseClosed", "EngineHalted", "StakeAdded", "EngineResumed"));
        assertThat(ledger.all(LeaseClosed.class)).extracting(LeaseClosed::reason)
                .containsExactly(EndReason.MOVED, EndReason.CLOSED);
        assertThat(ledger.all(EngineSlashed.class)).extracting(EngineSlashed::cause)
                .containsExactly(SlashCause.UNANSWERED_CHALLENGE, SlashCause.ARBITER);
        MoveAccepted accepted = ledger.all(MoveAccepted.class).get(0);
        assertThat(accepted.toEngineId()).isEqualTo(b.longValueExact());
        assertThat(accepted.pico()).isEqualTo(SampleAdverts.pico(1).getAddress().toLowerCase());
    }

    @Test
    void confirmationsHoldBackTheNewestBlocks() throws Exception {
        Ledger ledger = chain.ledger(3, 1_000);
        chain.mine(5); // a chain longer than the confirmations
        ledger.followToHead();
        chain.register(OPERATOR, "https://a.example", "1");
        long registeredIn = chain.head();
        ledger.followToHead();
        assertThat(ledger.all(EngineRegistered.class)).isEmpty();
        assertThat(ledger.checkpoint.orElseThrow().number()).isEqualTo(registeredIn - 3);

        chain.mine(2);
        ledger.followToHead();
        assertThat(ledger.all(EngineRegistered.class)).isEmpty();
        chain.mine(1);
        ledger.followToHead();
        assertThat(ledger.all(EngineRegistered.class)).hasSize(1);
        assertThat(ledger.checkpoint.orElseThrow().number()).isEqualTo(registeredIn);
    }
}
