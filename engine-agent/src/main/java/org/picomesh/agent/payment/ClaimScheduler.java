package org.picomesh.agent.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.AgentProperties;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * Claims what the engine's leases earned, in one batched transaction paid to the engine's payout address, but only
 * when the earnings are worth at least {@code claim-min-ratio} times the claim's gas at the current gas price: no gas
 * is spent on dust. Leases that ended and were claimed in full are settled and never asked about again.
 */
@Component
class ClaimScheduler {
    private static final Logger log = LoggerFactory.getLogger(ClaimScheduler.class);
    /** The most leases one claim carries: its gas stays far below a block's limit. */
    private static final int MAX_BATCH = 100;

    private final HostedLeaseRepository leases;
    private final EntityManager entities;
    private final LeaseEscrow escrow;
    private final ChainConnection chain;
    private final TransactionTemplate transactions;
    private final AgentProperties properties;
    private final Counter claims;
    private final Counter skipped;
    private final Counter gasSpent;

    ClaimScheduler(HostedLeaseRepository leases, EntityManager entities, LeaseEscrow escrow, ChainConnection chain,
            TransactionTemplate transactions, AgentProperties properties, MeterRegistry meters) {
        this.leases = leases;
        this.entities = entities;
        this.escrow = escrow;
        this.chain = chain;
        this.transactions = transactions;
        this.properties = properties;
        this.claims = meters.counter("picomesh.agent.claims.sent");
        this.skipped = meters.counter("picomesh.agent.claims.skipped", "reason", "not-worth-the-gas");
        this.gasSpent = meters.counter("picomesh.agent.claims.gas");
    }

    @Scheduled(fixedDelayString = "${picomesh.agent.claim-interval:10m}", initialDelayString = "${picomesh.agent.claim-interval:10m}")
    void claimIfWorthIt() {
        try {
            List<Claimable> due = claimable();
            for (int from = 0; from < due.size(); from += MAX_BATCH) {
                claim(due.subList(from, Math.min(due.size(), from + MAX_BATCH)));
            }
        } catch (Exception e) {
            log.warn("claiming failed, will try again at the next interval: {}", e.toString());
        }
    }

    private record Claimable(long leaseId, BigInteger amount, boolean ended) {}

    /** The unsettled leases with something to claim; those ended with nothing left are settled on the way. */
    private List<Claimable> claimable() throws Exception {
        List<Claimable> due = new ArrayList<>();
        for (HostedLease lease : transactions.execute(status -> leases.findUnsettled())) {
            LeaseEscrow.LeaseView view = escrow.lease(BigInteger.valueOf(lease.id())).send();
            if (view.claimable.signum() > 0) {
                due.add(new Claimable(lease.id(), view.claimable, !view.active));
            } else if (!view.active) {
                settle(List.of(lease.id()));
            }
        }
        return due;
    }

    private void claim(List<Claimable> batch) throws Exception {
        BigInteger engineId = BigInteger.valueOf(properties.engineId());
        List<BigInteger> ids = batch.stream().map(c -> BigInteger.valueOf(c.leaseId())).toList();
        BigInteger amount = batch.stream().map(Claimable::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
        BigInteger gas = chain.web3j().ethEstimateGas(Transaction.createFunctionCallTransaction(chain.address(), null,
                null, null, escrow.getContractAddress(), escrow.claim(engineId, ids).encodeFunctionCall()))
                .send().getAmountUsed();
        BigDecimal worth = new BigDecimal(gas.multiply(gasPrice)).multiply(BigDecimal.valueOf(properties.claimMinRatio()));
        if (new BigDecimal(amount).compareTo(worth) < 0) {
            skipped.increment();
            log.info("not claiming yet: {} lease(s) earned {} wei; the claim would cost {} gas at {} wei, and a claim "
                    + "may cost at most 1/{} of what it brings", batch.size(), amount, gas, gasPrice,
                    properties.claimMinRatio());
            return;
        }
        var receipt = escrow.claim(engineId, ids).send();
        BigInteger paid = escrow.getLeaseClaimedEvents(receipt).stream().map(e -> e.amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        claims.increment();
        gasSpent.increment(receipt.getGasUsed().doubleValue());
        transactions.executeWithoutResult(status -> entities.persist(new ClaimRecord(receipt.getTransactionHash(),
                batch.size(), paid, receipt.getGasUsed().longValueExact(), gasPrice)));
        settle(batch.stream().filter(Claimable::ended).map(Claimable::leaseId).toList());
        log.info("claimed {} wei from {} lease(s) to the payout address (tx {}, gas {})", paid, batch.size(),
                receipt.getTransactionHash(), receipt.getGasUsed());
    }

    private void settle(List<Long> ids) {
        transactions.executeWithoutResult(status -> ids.forEach(id -> leases.findById(id).ifPresent(l -> {
            l.settled();
            leases.save(l);
        })));
    }
}
