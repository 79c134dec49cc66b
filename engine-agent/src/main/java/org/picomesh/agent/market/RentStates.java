package org.picomesh.agent.market;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the agent last found of each hosted pico's rent, said loudly when it changes for the worse: a WARN once when
 * a pico's account cannot top its lease up (not every round), an INFO once it can again, the gauge
 * {@code picomesh.rent.unfunded} (picos whose account cannot pay their next top-up) and the counter
 * {@code picomesh.rent.topups}.
 */
@Component
class RentStates {
    private static final Logger log = LoggerFactory.getLogger(RentStates.class);

    enum Kind { PAID_AHEAD, TOP_UP_DUE, TOPPED_UP, TOP_UP_PENDING, ACCOUNT_CANNOT_TOP_UP }

    /**
     * A lease's rent: when it runs out (chain time, epoch seconds) and how long that is from the chain's latest block,
     * and what the pico's account lacks for its next top-up (wei, "0" when nothing).
     */
    record RentState(Kind kind, String pico, long leaseId, long runsOutAt, long secondsLeft, long prepaidSeconds,
            String needsWei, long atBlock) {}

    private final Map<String, RentState> states = new ConcurrentHashMap<>();
    private final Counter topUps;

    RentStates(MeterRegistry meters) {
        Gauge.builder("picomesh.rent.unfunded", states, s -> s.values().stream()
                .filter(r -> r.kind() == Kind.ACCOUNT_CANNOT_TOP_UP).count())
                .description("hosted picos whose account cannot pay their lease's next top-up").register(meters);
        this.topUps = Counter.builder("picomesh.rent.topups").description("leases topped up from their pico's "
                + "account").register(meters);
    }

    /** Keeps {@code state} unless a reading of a later block was kept meanwhile (two readings may overlap). */
    synchronized void record(RentState state) {
        RentState before = states.get(state.pico());
        if (before != null && before.atBlock() > state.atBlock()) {
            return;
        }
        states.put(state.pico(), state);
        Kind was = before == null ? null : before.kind();
        if (state.kind() == Kind.TOPPED_UP) {
            topUps.increment();
        }
        if (state.kind() == Kind.ACCOUNT_CANNOT_TOP_UP && was != Kind.ACCOUNT_CANNOT_TOP_UP) {
            log.warn("the rent of pico {} (lease {}) runs out at {} and its account cannot top it up: needs {} ETH "
                    + "more", state.pico(), state.leaseId(), java.time.Instant.ofEpochSecond(state.runsOutAt()),
                    ether(state.needsWei()));
        } else if (was == Kind.ACCOUNT_CANNOT_TOP_UP && state.kind() != Kind.ACCOUNT_CANNOT_TOP_UP) {
            log.info("the account of pico {} can pay its rent again ({})", state.pico(), state.kind());
        }
    }

    void forget(String pico) {
        states.remove(pico);
    }

    Optional<RentState> of(String pico) {
        return Optional.ofNullable(states.get(pico));
    }

    static String ether(String wei) {
        return new BigDecimal(new BigInteger(wei)).movePointLeft(18).stripTrailingZeros().toPlainString();
    }
}
