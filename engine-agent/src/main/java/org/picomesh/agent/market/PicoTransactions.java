package org.picomesh.agent.market;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.SenderProperties;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.follow.TransactionMined;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What a hosted pico signs itself, from its own account: opening its first lease and asking to move it. Each goes
 * through an {@link AgentSender} of the pico's key made for that one transaction (the sender's nonces, bounded waits,
 * replacements and decoded reverts, and no key kept once it is mined); one pico's transactions run one at a time, so
 * two never take the same nonce.
 */
@Component
class PicoTransactions {
    private final ChainConnection chain;
    private final LeaseEscrow escrow;
    private final SenderProperties settings;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final Map<String, Object> picoLocks = new ConcurrentHashMap<>();

    PicoTransactions(ChainConnection chain, LeaseEscrow escrow, SenderProperties settings, MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.events = events;
        this.chain = chain;
        this.escrow = escrow;
        this.settings = settings;
        this.meters = meters;
    }

    /** The pico opens its lease on {@code engineId}, paying {@code deposit} from its account; the lease's id. */
    long openLease(PicoKey pico, long engineId, BigInteger maxPrice, BigInteger deposit) throws TransactionFailed {
        TransactionReceipt receipt = send(pico, new Outgoing("pico-open-lease", "pico " + pico.address(),
                escrow.getContractAddress(), escrow.openLease(BigInteger.valueOf(engineId), maxPrice, deposit)
                        .encodeFunctionCall(), deposit));
        return escrow.getLeaseOpenedEvents(receipt).get(0).leaseId.longValueExact();
    }

    /** The pico asks to move its lease to {@code toEngine}; the transaction's hash. */
    String moveLease(PicoKey pico, long toEngine, BigInteger maxPrice) throws TransactionFailed {
        TransactionReceipt receipt = send(pico, new Outgoing("pico-move-lease", "pico " + pico.address(),
                escrow.getContractAddress(), escrow.moveLease(BigInteger.valueOf(toEngine), maxPrice)
                        .encodeFunctionCall()));
        // this agent is the move's source: its follower opens the move at once, not at its next look at the chain
        events.publishEvent(new TransactionMined(receipt.getBlockNumber().longValueExact()));
        return receipt.getTransactionHash();
    }

    /** The pico adds {@code amount} to its own lease's deposit, from its account; the transaction's hash. */
    String topUp(PicoKey pico, BigInteger amount) throws TransactionFailed {
        return send(pico, new Outgoing("pico-top-up", "pico " + pico.address(), escrow.getContractAddress(),
                escrow.topUp(pico.address(), amount).encodeFunctionCall(), amount)).getTransactionHash();
    }

    String escrowAddress() {
        return escrow.getContractAddress();
    }

    private TransactionReceipt send(PicoKey pico, Outgoing tx) throws TransactionFailed {
        synchronized (picoLocks.computeIfAbsent(pico.address(), a -> new Object())) {
            Duration poll = chain.chainId() == 31337 ? Duration.ofMillis(50) : Duration.ofSeconds(1);
            return new AgentSender(chain.web3j(), pico.credentials(), chain.chainId(), settings, poll, meters).send(tx);
        }
    }
}
