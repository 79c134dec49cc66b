package org.picomesh.agent.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Claims what the engine's leases earned, in one batched transaction paid to the engine's payout address, but only
 * when the earnings are worth at least {@code claim-min-ratio} times the claim's gas at the current gas price: no gas
 * is spent on dust. Leases that ended and were claimed in full are settled and never asked about again (until a
 * reorganisation drops the block that settled them).
 */
@Component
class ClaimScheduler {
    private static final Logger log = LoggerFactory.getLogger(ClaimScheduler.class);
    /** The most leases one claim carries: its gas stays far below a block's limit. */
    private static final int MAX_BATCH = 100;

    private final HostedLeaseRepository leases;
    private final ClaimRepository claimRecords;
    private final LeaseEscrow escrow;
    private final LeaseReader reader;
    private final ChainConnection chain;
    private final AgentSender sender;
    private final TransactionTemplate transactions;
    private final AgentProperties properties;
    private final Counter claims;
    private final Counter skipped;
    private final Counter gasSpent;

    ClaimScheduler(HostedLeaseRepository leases, ClaimRepository claimRecords, LeaseEscrow escrow,
            ChainConnection chain, AgentSender sender, TransactionTemplate transactions, AgentProperties properties,
            MeterRegistry meters) {
        this.leases = leases;
        this.claimRecords = claimRecords;
        this.escrow = escrow;
        this.reader = new LeaseReader(chain.web3j(), escrow);
        this.chain = chain;
        this.sender = sender;
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
        } catch (TransactionFailed.StillPending e) {
            log.info("the last claim is still pending: no second one ({})", e.hash());
        } catch (Exception e) {
            log.warn("claiming failed, will try again at the next interval: {}", e.getMessage());
        }
    }

    private record Claimable(long leaseId, BigInteger amount, boolean ended) {}

    /** The unsettled leases with something to claim; those ended with nothing left are settled on the way. */
    private List<Claimable> claimable() throws Exception {
        List<Long> ids = transactions.execute(status -> leases.findUnsettled().stream().map(HostedLease::id).toList());
        LeaseReader.Leases read = reader.read(ids);
        List<Claimable> due = new ArrayList<>();
        List<Long> spent = new ArrayList<>();
        read.byId().forEach((id, view) -> {
            if (view.claimable.signum() > 0) {
                due.add(new Claimable(id, view.claimable, !view.active));
            } else if (!view.active) {
                spent.add(id);
            }
        });
        settle(spent, read.block());
        return due;
    }

    private void claim(List<Claimable> batch) throws Exception {
        BigInteger engineId = BigInteger.valueOf(properties.engineId());
        List<BigInteger> ids = batch.stream().map(c -> BigInteger.valueOf(c.leaseId())).toList();
        BigInteger amount = batch.stream().map(Claimable::amount).reduce(BigInteger.ZERO, BigInteger::add);
        String data = escrow.claim(engineId, ids).encodeFunctionCall();
        BigInteger gasPrice = chain.web3j().ethGasPrice().send().getGasPrice();
        BigInteger gas = chain.web3j().ethEstimateGas(Transaction.createFunctionCallTransaction(sender.address(), null,
                null, null, escrow.getContractAddress(), data)).send().getAmountUsed();
        BigDecimal worth = new BigDecimal(gas.multiply(gasPrice)).multiply(BigDecimal.valueOf(properties.claimMinRatio()));
        if (new BigDecimal(amount).compareTo(worth) < 0) {
            skipped.increment();
            log.info("not claiming yet: {} lease(s) earned {} wei; the claim would cost {} gas at {} wei, and a claim "
                    + "may cost at most 1/{} of what it brings", batch.size(), amount, gas, gasPrice,
                    properties.claimMinRatio());
            return;
        }
        TransactionReceipt receipt = sender.send(new Outgoing("claim", "engine " + engineId,
                escrow.getContractAddress(), data));
        recorded(batch, receipt);
    }

    private void recorded(List<Claimable> batch, TransactionReceipt receipt) {
        BigInteger paid = escrow.getLeaseClaimedEvents(receipt).stream().map(e -> e.amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        long block = receipt.getBlockNumber().longValueExact();
        BigInteger price = receipt.getEffectiveGasPrice() == null ? BigInteger.ZERO
                : org.web3j.utils.Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
        claims.increment();
        gasSpent.increment(receipt.getGasUsed().doubleValue());
        transactions.executeWithoutResult(status -> claimRecords.save(new ClaimRecord(receipt.getTransactionHash(),
                block, batch.size(), paid, receipt.getGasUsed().longValueExact(), price)));
        settle(batch.stream().filter(Claimable::ended).map(Claimable::leaseId).toList(), block);
        log.info("claimed {} wei from {} lease(s) to the payout address (tx {}, gas {})", paid, batch.size(),
                receipt.getTransactionHash(), receipt.getGasUsed());
    }

    private void settle(List<Long> ids, long block) {
        transactions.executeWithoutResult(status -> ids.forEach(id -> leases.findById(id).ifPresent(l -> {
            l.settled(block);
            leases.save(l);
        })));
    }
}
