package org.picomesh.agent.migration;

import java.io.IOException;
import java.math.BigInteger;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * What moves read from the chain and send to it: leases, engines' agents, the chain's clock; acceptances, rejections
 * and expiries go through the daemon's one {@link AgentSender}. Reads that fail are {@link MoveFailure.Transient}.
 */
@Component
class MoveChain {
    private final ChainConnection chain;
    private final LeaseEscrow escrow;
    private final EngineRegistry registry;
    private final AgentSender sender;

    MoveChain(ChainConnection chain, LeaseEscrow escrow, EngineRegistry registry, AgentSender sender) {
        this.chain = chain;
        this.escrow = escrow;
        this.registry = registry;
        this.sender = sender;
    }

    long chainId() {
        return chain.chainId();
    }

    String escrowAddress() {
        return escrow.getContractAddress();
    }

    LeaseEscrow.LeaseView lease(long leaseId) throws MoveFailure {
        return read("lease " + leaseId, () -> escrow.lease(BigInteger.valueOf(leaseId)).send());
    }

    LeaseEscrow.LeaseView currentLease(String pico) throws MoveFailure {
        return read("the lease of pico " + pico, () -> escrow.currentLease(pico).send());
    }

    /** The engine's agent (hot) key's address, lower case. */
    String agentOf(long engineId) throws MoveFailure {
        return read("engine " + engineId, () -> registry.engine(BigInteger.valueOf(engineId)).send().agent)
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The latest block's time (unix seconds): the clock move windows are counted in. */
    long chainTime() throws MoveFailure {
        return read("the latest block", () -> chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST,
                false).send().getBlock().getTimestamp().longValueExact());
    }

    void accept(long leaseId) throws TransactionFailed {
        send("move-accept", leaseId, escrow.acceptMove(BigInteger.valueOf(leaseId)).encodeFunctionCall());
    }

    void reject(long leaseId, String reason) throws TransactionFailed {
        send("move-reject", leaseId, escrow.rejectMove(BigInteger.valueOf(leaseId), reason).encodeFunctionCall());
    }

    void expire(long leaseId) throws TransactionFailed {
        send("move-expire", leaseId, escrow.expireMove(BigInteger.valueOf(leaseId)).encodeFunctionCall());
    }

    private void send(String purpose, long leaseId, String data) throws TransactionFailed {
        sender.send(new Outgoing(purpose, "lease " + leaseId, escrow.getContractAddress(), data));
    }

    private interface Read<T> {
        T get() throws Exception;
    }

    private static <T> T read(String what, Read<T> read) throws MoveFailure {
        try {
            return read.get();
        } catch (IOException e) {
            throw new MoveFailure.Transient("cannot read " + what + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MoveFailure.Transient("reading " + what + " failed: " + e.getMessage(), e);
        }
    }
}
