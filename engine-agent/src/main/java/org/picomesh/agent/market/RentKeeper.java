package org.picomesh.agent.market;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.migration.Enrollment;
import org.picomesh.agent.market.RentStates.Kind;
import org.picomesh.agent.market.RentStates.RentState;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Keeps every hosted pico's lease paid ahead from the pico's own account: once less than a share of its prepaid
 * period ({@link RentPeriod}: its policy's, wherever the lease was opened) is left, the pico tops its lease back up to the whole period. Each decision is read from the chain (the
 * lease's deposit and accrual, the account's balance, and whether the account has a transaction not mined yet), never
 * from the agent's memory: after a restart, a top-up already mined shows in the deposit and one still pending in the
 * account's nonces, so neither is sent twice.
 */
@Component
@EnableConfigurationProperties(RentProperties.class)
class RentKeeper {
    private static final Logger log = LoggerFactory.getLogger(RentKeeper.class);

    private final Enrollment hosted;
    private final MarketEnrolment keys;
    private final PicoTransactions transactions;
    private final RentPeriod period;
    private final RentStates states;
    private final LeaseEscrow escrow;
    private final EngineRegistry registry;
    private final Web3j web3j;
    private final RentProperties properties;
    private final long engineId;

    RentKeeper(Enrollment hosted, MarketEnrolment keys, PicoTransactions transactions, RentPeriod period,
            RentStates states, LeaseEscrow escrow, EngineRegistry registry, ChainConnection chain,
            RentProperties properties, AgentProperties agent) {
        this.hosted = hosted;
        this.keys = keys;
        this.transactions = transactions;
        this.period = period;
        this.states = states;
        this.escrow = escrow;
        this.registry = registry;
        this.web3j = chain.web3j();
        this.properties = properties;
        this.engineId = agent.engineId();
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.rent.interval:30s}",
            initialDelayString = "${picomesh.agent.rent.interval:30s}")
    void round() {
        for (String pico : hosted.hostedPicos()) {
            try {
                keep(pico, true);
            } catch (Exception e) {
                log.warn("could not look after the rent of pico {}: {}", pico, e.getMessage());
            }
        }
    }

    /** The pico's rent now, topping its lease up first when {@code act} and it is due; empty when not leased here. */
    Optional<RentState> keep(String pico, boolean act) throws Exception {
        EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        LeaseEscrow.LeaseView lease = escrow.currentLease(pico).send(); // at this block or a later one
        if (!lease.active || lease.engineId.longValueExact() != engineId) {
            states.forget(pico);
            return Optional.empty();
        }
        long minimum = registry.parameters().send().minPrepaidPeriod.longValueExact();
        RentPlan plan = new RentPlan(lease.pricePerHour, Math.max(minimum, period.prepaidSeconds(pico)));
        BigInteger remaining = lease.deposit.subtract(lease.accrued);
        // a lease about to move is not topped up: its pico is leaving (its policy unreadable) and the deposit
        // carries to the target, whose agent pays ahead on the pico's terms once it is there
        RentState state = decide(pico, lease, plan, remaining, block, act && lease.moveTo.signum() == 0);
        states.record(state);
        return Optional.of(state);
    }

    private RentState decide(String pico, LeaseEscrow.LeaseView lease, RentPlan plan, BigInteger remaining,
            EthBlock.Block block, boolean act) throws IOException, TransactionFailed {
        long now = block.getTimestamp().longValueExact();
        long at = block.getNumber().longValueExact();
        long leaseId = lease.id.longValueExact();
        long left = plan.runwaySeconds(remaining);
        long runsOut = now + left;
        if (!plan.due(remaining, properties.topUpShare())) {
            return new RentState(Kind.PAID_AHEAD, pico, leaseId, runsOut, left, plan.prepaidSeconds(), "0", at);
        }
        if (pending(pico)) { // a top-up sent before (perhaps before a restart) and not mined yet
            return new RentState(Kind.TOP_UP_PENDING, pico, leaseId, runsOut, left, plan.prepaidSeconds(), "0", at);
        }
        BigInteger amount = plan.topUp(remaining);
        BigInteger gas = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.valueOf(properties.topUpGas()));
        BigInteger balance = web3j.ethGetBalance(pico, DefaultBlockParameterName.LATEST).send().getBalance();
        BigInteger lacking = amount.add(gas).subtract(balance);
        if (lacking.signum() > 0) {
            return new RentState(Kind.ACCOUNT_CANNOT_TOP_UP, pico, leaseId, runsOut, left, plan.prepaidSeconds(),
                    lacking.toString(), at);
        }
        if (!act) {
            return new RentState(Kind.TOP_UP_DUE, pico, leaseId, runsOut, left, plan.prepaidSeconds(), "0", at);
        }
        String tx = transactions.topUp(keys.keyOfHosted(pico), amount);
        log.info("pico {} topped its lease {} up by {} wei from its account ({}): paid {} s ahead", pico, leaseId,
                amount, tx, plan.prepaidSeconds());
        long after = plan.runwaySeconds(remaining.add(amount));
        return new RentState(Kind.TOPPED_UP, pico, leaseId, now + after, after, plan.prepaidSeconds(), "0", at);
    }

    private boolean pending(String pico) throws IOException {
        BigInteger mined = web3j.ethGetTransactionCount(pico, DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
        BigInteger all = web3j.ethGetTransactionCount(pico, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        return all.compareTo(mined) > 0;
    }
}
