package org.picomesh.agent.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A pico's rent by its policy: what its lease is paid ahead, when it is due a top-up, and by how much. */
class RentPlanTest {
    private static final BigInteger PRICE = BigInteger.valueOf(3_600_000); // 1,000 wei a second
    private final RentPlan day = new RentPlan(PRICE, 86_400);

    @Test
    void theDepositPaysThePrepaidPeriodAtTheLeasesPriceRoundedUp() {
        assertThat(day.deposit()).isEqualTo(BigInteger.valueOf(86_400_000));
        assertThat(new RentPlan(BigInteger.valueOf(7), 1800).deposit()).isEqualTo(BigInteger.valueOf(4)); // 3.5
    }

    @Test
    void aLeaseIsDueOnceLessThanTheShareOfItsPeriodIsLeft() {
        assertThat(day.runwaySeconds(BigInteger.valueOf(21_600_000))).isEqualTo(21_600);
        assertThat(day.due(BigInteger.valueOf(21_600_000), 0.25)).isFalse(); // exactly a quarter left
        assertThat(day.due(BigInteger.valueOf(21_599_000), 0.25)).isTrue();
        assertThat(day.due(BigInteger.ZERO.subtract(BigInteger.TEN), 0.25)).isTrue(); // accrued past its deposit
    }

    @Test
    void aTopUpBringsTheLeaseBackToTheWholePeriodAndNeverAsksForMore() {
        assertThat(day.topUp(BigInteger.valueOf(6_400_000))).isEqualTo(BigInteger.valueOf(80_000_000));
        assertThat(day.topUp(BigInteger.valueOf(-5))).isEqualTo(day.deposit());
        assertThat(day.topUp(BigInteger.valueOf(90_000_000))).isZero();
    }

    @Test
    void aFreeEngineIsNeverDueAndItsRentNeverRunsOut() {
        RentPlan free = new RentPlan(BigInteger.ZERO, 86_400);
        assertThat(free.due(BigInteger.ZERO, 0.25)).isFalse();
        assertThat(free.runwaySeconds(BigInteger.ZERO)).isGreaterThan(365L * 86_400);
    }
}
