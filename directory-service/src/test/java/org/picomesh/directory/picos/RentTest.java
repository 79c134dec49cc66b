package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rent left as the escrow counts it: pro rata by the second from the lease's start, never below zero. */
class RentTest {
    private static final BigInteger ONE_HUNDREDTH = new BigInteger("10000000000000000"); // 0.01 ETH
    private static final BigInteger PRICE = new BigInteger("1000000000000000"); // 0.001 ETH an hour
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aDepositOfTenHoursAtItsPriceLastsTenHoursFromTheStart() {
        Rent rent = Rent.of(ONE_HUNDREDTH, BigInteger.ZERO, PRICE, START, START.plusSeconds(3 * 3600 + 1800));
        assertThat(rent.paidUntil()).isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
        assertThat(rent.accrued().value()).isEqualTo("0.0035");
        assertThat(rent.left().value()).isEqualTo("0.0065");
        assertThat(rent.left().unit()).isEqualTo("ETH");
        assertThat(rent.pricePerHour().value()).isEqualTo("0.001");
        assertThat(rent.exhausted()).isFalse();
    }

    @Test
    void aLeasePastItsPaidTimeHasNothingLeftNotLessThanNothing() {
        Rent rent = Rent.of(ONE_HUNDREDTH, new BigInteger("4000000000000000"), PRICE, START, START.plusSeconds(86_400));
        assertThat(rent.left().value()).isEqualTo("0");
        assertThat(rent.accrued().value()).isEqualTo("0.01");
        assertThat(rent.claimed().value()).isEqualTo("0.004");
        assertThat(rent.exhausted()).isTrue();
    }

    @Test
    void aFreeLeaseNeverRunsOutAndAHugeDepositStaysADate() {
        assertThat(Rent.of(ONE_HUNDREDTH, BigInteger.ZERO, BigInteger.ZERO, START, START).paidUntil()).isNull();
        Rent huge = Rent.of(BigInteger.TWO.pow(80).subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE, START, START);
        assertThat(huge.paidUntil()).isAfter(Instant.parse("9999-12-31T00:00:00Z"));
    }

    @Test
    void weiBecomeExactEther() {
        assertThat(Rent.eth(BigInteger.ONE)).isEqualTo("0.000000000000000001");
        assertThat(Rent.eth(new BigInteger("1500000000000000000"))).isEqualTo("1.5");
        assertThat(Rent.eth(BigInteger.ZERO)).isEqualTo("0");
    }
}
