package org.picomesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.picomesh.contracts.LocalMarket.*;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A pico's lease on a real anvil, the pico being an account: it opens, tops up, moves (accepted, rejected, expired)
 * and closes its lease; the engine's agent claims to the payout address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseLifecycleIT {
    /** SampleAdverts.advert(n) prices at n * 0.001 ether per pico-hour. */
    private static final BigInteger PRICE_A = ether("0.001");
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);

    private LocalMarket market;
    private BigInteger engineA;
    private BigInteger engineB;
    private int nextPico = 1;

    @BeforeAll
    void startMarket() throws Exception {
        market = new LocalMarket();
        engineA = register(OPERATOR, SampleAdverts.advert("https://a.example", 1, 3));
        engineB = register(OTHER_OPERATOR, SampleAdverts.advert("https://b.example", 2, 1));
        market.registry(OPERATOR).setAgent(engineA, address(AGENT)).send();
        market.registry(OPERATOR).setPayout(engineA, address(PAYOUT)).send();
    }

    @AfterAll
    void stopMarket() {
        if (market != null) {
            market.close();
        }
    }

    @Test
    void theAgentClaimsWhatAccruedByTheSecondToThePayoutAddress() throws Exception {
        int pico = nextPico++;
        BigInteger lease = open(pico, engineA, "0.01");
        market.anvil.increaseTime(Duration.ofHours(2));
        LeaseEscrow.LeaseView view = market.escrow(STRANGER).currentLease(SampleAdverts.pico(pico).getAddress()).send();
        assertThat(view.id).isEqualTo(lease);
        assertThat(view.accrued).isBetween(PRICE_A.multiply(BigInteger.TWO), PRICE_A.multiply(BigInteger.TWO).add(ether("0.00001")));

        BigInteger before = market.balance(address(PAYOUT));
        TransactionReceipt receipt = market.escrow(AGENT).claim(engineA, List.of(lease)).send();
        BigInteger claimed = market.escrow(AGENT).getLeaseClaimedEvents(receipt).get(0).amount;
        assertThat(claimed).isGreaterThanOrEqualTo(view.accrued);
        assertThat(market.balance(address(PAYOUT))).isEqualTo(before.add(claimed));
        assertThatThrownBy(() -> market.escrow(STRANGER).claim(engineA, List.of(lease)).send()).hasMessageContaining("NotAgent");
        market.picoEscrow(pico).close().send();
    }

    @Test
    void anyoneTopsUpAndClosingRefundsThePicoWhatHasNotAccrued() throws Exception {
        int pico = nextPico++;
        String picoAddress = SampleAdverts.pico(pico).getAddress();
        BigInteger lease = open(pico, engineA, "0.01");
        market.escrow(SPONSOR).topUp(picoAddress, ether("0.005")).send();
        market.anvil.increaseTime(Duration.ofHours(3));
        assertThatThrownBy(() -> market.escrow(STRANGER).close().send()).hasMessageContaining("NoActiveLease");

        BigInteger before = market.balance(picoAddress);
        TransactionReceipt receipt = market.picoEscrow(pico).close().send();
        var closed = market.escrow(STRANGER).getLeaseClosedEvents(receipt).get(0);
        assertThat(closed.accrued.add(closed.refund)).isEqualTo(ether("0.015"));
        assertThat(market.balance(picoAddress)).isEqualTo(before.add(closed.refund).subtract(fee(receipt)));
        assertThat(market.escrow(STRANGER).lease(lease).send().claimable).isEqualTo(closed.accrued);
        assertThat(market.escrow(STRANGER).currentLease(picoAddress).send().id).isZero();
        assertThatThrownBy(() -> market.escrow(SPONSOR).topUp(picoAddress, ether("0.001")).send())
                .hasMessageContaining("NoActiveLease");
    }

    @Test
    void anAcceptedMovePaysTheSourceUpToTheAcceptanceAndCarriesTheRest() throws Exception {
        int pico = nextPico++;
        BigInteger lease = open(pico, engineA, "0.01");
        market.anvil.increaseTime(Duration.ofHours(1));
        market.picoEscrow(pico).moveLease(engineB, ether("0.002")).send();
        LeaseEscrow.LeaseView pending = market.escrow(STRANGER).lease(lease).send();
        assertThat(pending.active).isTrue();
        assertThat(pending.moveTo).isEqualTo(engineB);
        assertThat(market.registry(STRANGER).engine(engineB).send().activeLeases).isEqualTo(BigInteger.ONE);

        market.anvil.increaseTime(Duration.ofMinutes(5)); // the source keeps earning while the move is pending
        TransactionReceipt receipt = market.escrow(OTHER_OPERATOR).acceptMove(lease).send();
        var accepted = market.escrow(STRANGER).getMoveAcceptedEvents(receipt).get(0);
        LeaseEscrow.LeaseView old = market.escrow(STRANGER).lease(lease).send();
        LeaseEscrow.LeaseView next = market.escrow(STRANGER).lease(accepted.toLeaseId).send();
        assertThat(old.active).isFalse();
        assertThat(old.deposit).isGreaterThan(PRICE_A); // more than the hour before the request
        assertThat(next.engineId).isEqualTo(engineB);
        assertThat(next.pricePerHour).isEqualTo(ether("0.002"));
        assertThat(old.deposit.add(next.deposit)).isEqualTo(ether("0.01"));
        assertThat(market.escrow(STRANGER).currentLease(SampleAdverts.pico(pico).getAddress()).send().id)
                .isEqualTo(accepted.toLeaseId);

        // engine B has one slot, now taken by the moved lease
        assertThatThrownBy(() -> open(nextPico++, engineB, "0.01")).hasMessageContaining("EngineAtCapacity")
                .hasMessageContaining("engine " + engineB + " is full");
        market.picoEscrow(pico).close().send();
        assertThat(market.registry(STRANGER).engine(engineB).send().activeLeases).isZero();
    }

    @Test
    void aRejectedOrExpiredMoveLeavesTheLeaseExactlyWhereItWas() throws Exception {
        int pico = nextPico++;
        BigInteger lease = open(pico, engineA, "0.01");
        LeaseEscrow.LeaseView before = market.escrow(STRANGER).lease(lease).send();
        market.picoEscrow(pico).moveLease(engineB, ANY_PRICE).send();
        TransactionReceipt rejected = market.escrow(OTHER_OPERATOR).rejectMove(lease, "snapshot hash mismatch").send();
        assertThat(market.escrow(STRANGER).getMoveRejectedEvents(rejected).get(0).reason).isEqualTo("snapshot hash mismatch");
        assertUnmoved(lease, before);

        market.picoEscrow(pico).moveLease(engineB, ANY_PRICE).send();
        assertThatThrownBy(() -> market.escrow(STRANGER).expireMove(lease).send()).hasMessageContaining("MoveWindowOpen");
        market.anvil.increaseTime(Duration.ofMinutes(11));
        assertThatThrownBy(() -> market.escrow(OTHER_OPERATOR).acceptMove(lease).send())
                .hasMessageContaining("MoveWindowClosed");
        market.escrow(STRANGER).expireMove(lease).send();
        assertUnmoved(lease, before);
        market.picoEscrow(pico).close().send();
    }

    @Test
    void aSponsorOpensThePicosLeaseWithItsSignatureAndNobodyElseCan() throws Exception {
        int pico = nextPico++;
        var credentials = SampleAdverts.pico(pico);
        LeaseEscrow sponsor = market.escrow(SPONSOR);
        BigInteger deadline = BigInteger.valueOf(System.currentTimeMillis() / 1000 + 3_600 * 24);
        byte[] signature = PicoRequests.signOpen(credentials, sponsor, engineA, PRICE_A, deadline);
        TransactionReceipt receipt = sponsor.openLeaseFor(credentials.getAddress(), engineA, PRICE_A, deadline,
                signature, ether("0.01")).send();
        assertThat(sponsor.getLeaseOpenedEvents(receipt).get(0).pico).isEqualToIgnoringCase(credentials.getAddress());

        // the same signature cannot be used again, and a stranger's key does not speak for the pico
        assertThatThrownBy(() -> sponsor.openLeaseFor(credentials.getAddress(), engineA, PRICE_A, deadline, signature,
                ether("0.01")).send()).hasMessageContaining("InvalidPicoSignature");
        market.picoEscrow(pico).close().send();
    }

    @Test
    void theEngineCannotRaiseItsPriceUnderAPicosFeet() throws Exception {
        int pico = nextPico++;
        market.registry(AGENT).updateAdvert(engineA, SampleAdverts.advert("https://a.example", 5, 3)).send();
        try {
            assertThatThrownBy(() -> market.picoEscrow(pico).openLease(engineA, PRICE_A, ether("0.01")).send())
                    .hasMessageContaining("PriceAboveMax").hasMessageContaining("asks 5000000000000000 wei per hour");
        } finally {
            market.registry(AGENT).updateAdvert(engineA, SampleAdverts.advert("https://a.example", 1, 3)).send();
        }
    }

    @Test
    void aHaltedEngineGetsNoNewLeaseAndItsLeasesStopAccruing() throws Exception {
        BigInteger engine = register(STRANGER, SampleAdverts.advert("https://c.example", 3, 5));
        int pico = nextPico++;
        BigInteger lease = open(pico, engine, "0.02");
        market.registry(STRANGER).requestUnbond(engine, ether("0.5")).send();
        BigInteger accruedAtHalt = market.escrow(STRANGER).lease(lease).send().accrued;

        assertThatThrownBy(() -> open(nextPico++, engine, "0.01")).hasMessageContaining("EngineNotListed");
        market.anvil.increaseTime(Duration.ofHours(2));
        assertThat(market.escrow(STRANGER).lease(lease).send().accrued).isEqualTo(accruedAtHalt);
        TransactionReceipt receipt = market.picoEscrow(pico).close().send();
        var closed = market.escrow(STRANGER).getLeaseClosedEvents(receipt).get(0);
        assertThat(closed.refund).isEqualTo(ether("0.02").subtract(accruedAtHalt));
    }

    private void assertUnmoved(BigInteger lease, LeaseEscrow.LeaseView before) throws Exception {
        LeaseEscrow.LeaseView now = market.escrow(STRANGER).lease(lease).send();
        assertThat(now.active).isTrue();
        assertThat(now.engineId).isEqualTo(before.engineId);
        assertThat(now.deposit).isEqualTo(before.deposit);
        assertThat(now.startedAt).isEqualTo(before.startedAt);
        assertThat(now.moveTo).isZero();
        assertThat(market.registry(STRANGER).engine(engineB).send().activeLeases).isZero();
    }

    private BigInteger register(int operator, EngineRegistry.Advert advert) throws Exception {
        EngineRegistry registry = market.registry(operator);
        TransactionReceipt receipt = registry.register(advert, ether("1")).send();
        return registry.getEngineRegisteredEvents(receipt).get(0).engineId;
    }

    private BigInteger open(int pico, BigInteger engine, String deposit) throws Exception {
        LeaseEscrow escrow = market.picoEscrow(pico);
        TransactionReceipt receipt = escrow.openLease(engine, ANY_PRICE, ether(deposit)).send();
        return escrow.getLeaseOpenedEvents(receipt).get(0).leaseId;
    }
}
