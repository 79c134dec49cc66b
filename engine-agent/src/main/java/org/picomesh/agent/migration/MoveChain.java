package org.picomesh.agent.migration;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.follow.TransactionMined;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What moves read from the chain and send to it: leases, engines' agents, the chain's clock; acceptances, rejections
 * and expiries go through the daemon's one {@link AgentSender}. Reads that fail are {@link MoveFailure.Transient}.
 * It also says when a block is final ({@code picomesh.agent.move-finality}): at or below the node's {@code finalized}
 * block, or a number of blocks under the head; a node that names no finalized block counts
 * {@value #DEPTH_WITHOUT_FINALIZED} blocks (two epochs of Ethereum's beacon chain).
 */
@Component
class MoveChain {
    static final int DEPTH_WITHOUT_FINALIZED = 64;

    private final ChainConnection chain;
    private final LeaseEscrow escrow;
    private final EngineRegistry registry;
    private final AgentSender sender;
    /** Blocks under the head that make a block final; negative: the node's {@code finalized} block. */
    private final int finalDepth;

    private final ApplicationEventPublisher events;

    MoveChain(ChainConnection chain, LeaseEscrow escrow, EngineRegistry registry, AgentSender sender,
            AgentProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.chain = chain;
        this.escrow = escrow;
        this.registry = registry;
        this.sender = sender;
        this.finalDepth = properties.moveFinality().equals("finalized") ? -1
                : Integer.parseInt(properties.moveFinality());
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
                .toLowerCase(Locale.ROOT);
    }

    /** The latest block's time (unix seconds): the clock move windows are counted in. */
    long chainTime() throws MoveFailure {
        return read("the latest block", () -> chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST,
                false).send().getBlock().getTimestamp().longValueExact());
    }

    /** Whether {@code block} can no longer leave the chain (see the class comment). */
    boolean isFinal(long block) throws MoveFailure {
        long head = read("the head", () -> chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact());
        if (finalDepth >= 0) {
            return head - block >= finalDepth;
        }
        var finalized = read("the finalized block", () -> chain.web3j().ethGetBlockByNumber(
                DefaultBlockParameterName.FINALIZED, false).send().getBlock());
        return finalized != null ? block <= finalized.getNumber().longValueExact()
                : head - block >= DEPTH_WITHOUT_FINALIZED;
    }

    /** Accepts the lease's pending move; the block it was mined in. */
    long accept(long leaseId) throws TransactionFailed {
        long block = send("move-accept", leaseId, escrow.acceptMove(BigInteger.valueOf(leaseId)).encodeFunctionCall())
                .getBlockNumber().longValueExact();
        events.publishEvent(new TransactionMined(block)); // the pico goes live once the follower saw it: look now
        return block;
    }

    void reject(long leaseId, String reason) throws TransactionFailed {
        send("move-reject", leaseId, escrow.rejectMove(BigInteger.valueOf(leaseId), reason).encodeFunctionCall());
    }

    void expire(long leaseId) throws TransactionFailed {
        send("move-expire", leaseId, escrow.expireMove(BigInteger.valueOf(leaseId)).encodeFunctionCall());
    }

    private TransactionReceipt send(String purpose, long leaseId, String data) throws TransactionFailed {
        return sender.send(new Outgoing(purpose, "lease " + leaseId, escrow.getContractAddress(), data));
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
