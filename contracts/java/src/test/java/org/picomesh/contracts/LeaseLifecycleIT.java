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

/** A pico's lease on a real anvil: open, claim, top up, move with the pico, close. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseLifecycleIT {
    /** SampleAdverts.advert(n) prices at n * 0.001 ether per pico-hour. */
    private static final BigInteger PRICE_A = ether("0.001");

    private LocalMarket market;
    private BigInteger engineA;
    private BigInteger engineB;

    @BeforeAll
    void startMarket() throws Exception {
        market = new LocalMarket();
        engineA = register(OPERATOR, SampleAdverts.advert("https://a.example", 1, 2));
        engineB = register(OTHER_OPERATOR, SampleAdverts.advert("https://b.example", 2, 1));
    }

    @AfterAll
    void stopMarket() {
        if (market != null) {
            market.close();
        }
    }

    @Test
    void theOperatorClaimsWhatAccruedByTheSecond() throws Exception {
        BigInteger lease = open(engineA, "0.01");
        market.anvil.increaseTime(Duration.ofHours(2));
        LeaseEscrow.LeaseView view = market.escrow(OPERATOR).lease(lease).send();
        assertThat(view.accrued).isBetween(PRICE_A.multiply(BigInteger.TWO), PRICE_A.multiply(BigInteger.TWO).add(ether("0.00001")));

        BigInteger before = market.balance(address(OPERATOR));
        TransactionReceipt receipt = market.escrow(OPERATOR).claim(List.of(lease)).send();
        BigInteger claimed = market.escrow(OPERATOR).getLeaseClaimedEvents(receipt).get(0).amount;
        assertThat(claimed).isGreaterThanOrEqualTo(view.accrued);
        assertThat(market.balance(address(OPERATOR))).isEqualTo(before.add(claimed).subtract(fee(receipt)));
        assertThatThrownBy(() -> market.escrow(STRANGER).claim(List.of(lease)).send()).hasMessageContaining("NotLeaseOperator");
        close(lease);
    }

    @Test
    void closingRefundsWhatHasNotAccruedAndKeepsTheRestClaimable() throws Exception {
        BigInteger lease = open(engineA, "0.01");
        market.escrow(PAYER).topUp(lease, ether("0.005")).send();
        market.anvil.increaseTime(Duration.ofHours(3));
        assertThatThrownBy(() -> market.escrow(STRANGER).close(lease).send()).hasMessageContaining("NotPayer");

        BigInteger before = market.balance(address(PAYER));
        TransactionReceipt receipt = market.escrow(PAYER).close(lease).send();
        var closed = market.escrow(PAYER).getLeaseClosedEvents(receipt).get(0);
        assertThat(closed.accrued.add(closed.refund)).isEqualTo(ether("0.015"));
        assertThat(market.balance(address(PAYER))).isEqualTo(before.add(closed.refund).subtract(fee(receipt)));
        assertThat(market.escrow(PAYER).lease(lease).send().claimable).isEqualTo(closed.accrued);
        assertThatThrownBy(() -> market.escrow(PAYER).topUp(lease, ether("0.001")).send()).hasMessageContaining("LeaseNotActive");
    }

    @Test
    void theLeaseMovesWithThePicoCarryingWhatIsLeft() throws Exception {
        BigInteger lease = open(engineA, "0.01");
        market.anvil.increaseTime(Duration.ofHours(1));
        TransactionReceipt receipt = market.escrow(PAYER).moveLease(lease, engineB).send();
        var moved = market.escrow(PAYER).getLeaseMovedEvents(receipt).get(0);

        LeaseEscrow.LeaseView old = market.escrow(PAYER).lease(lease).send();
        LeaseEscrow.LeaseView next = market.escrow(PAYER).lease(moved.toLeaseId).send();
        assertThat(old.active).isFalse();
        assertThat(next.engineId).isEqualTo(engineB);
        assertThat(next.pricePerHour).isEqualTo(ether("0.002"));
        assertThat(old.deposit.add(next.deposit)).isEqualTo(ether("0.01"));
        assertThat(next.picoDidHash).isEqualTo(old.picoDidHash);
        assertThat(market.registry(PAYER).engine(engineB).send().activeLeases).isEqualTo(BigInteger.ONE);

        // engine B has one slot, now taken
        assertThatThrownBy(() -> open(engineB, "0.01")).hasMessageContaining("EngineAtCapacity")
                .hasMessageContaining("engine " + engineB + " is full");
        close(moved.toLeaseId);
        assertThat(market.registry(PAYER).engine(engineB).send().activeLeases).isZero();
    }

    @Test
    void aDelistedEngineGetsNoNewLeaseButItsPayersGetTheirRefund() throws Exception {
        BigInteger engine = register(STRANGER, SampleAdverts.advert("https://c.example", 3, 5));
        BigInteger lease = open(engine, "0.02");
        market.registry(STRANGER).requestUnbond(engine, ether("0.5")).send();

        assertThatThrownBy(() -> open(engine, "0.01")).hasMessageContaining("EngineNotListed");
        TransactionReceipt receipt = market.escrow(PAYER).close(lease).send();
        var closed = market.escrow(PAYER).getLeaseClosedEvents(receipt).get(0);
        assertThat(closed.refund).isGreaterThan(ether("0.019"));
    }

    private BigInteger register(int operator, EngineRegistry.Advert advert) throws Exception {
        EngineRegistry registry = market.registry(operator);
        TransactionReceipt receipt = registry.register(advert, ether("1")).send();
        return registry.getEngineRegisteredEvents(receipt).get(0).engineId;
    }

    private BigInteger open(BigInteger engine, String deposit) throws Exception {
        LeaseEscrow escrow = market.escrow(PAYER);
        TransactionReceipt receipt = escrow.openLease(engine, SampleAdverts.picoDid(1), ether(deposit)).send();
        return escrow.getLeaseOpenedEvents(receipt).get(0).leaseId;
    }

    private void close(BigInteger lease) throws Exception {
        market.escrow(PAYER).close(lease).send();
    }
}
