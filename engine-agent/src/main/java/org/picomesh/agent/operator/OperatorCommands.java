package org.picomesh.agent.operator;

import java.math.BigInteger;
import java.util.List;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What an operator does to an engine after registering it: one transaction each (costs in the help: {@link Gas}).
 * The commands are static: picocli invokes a command method on its parent command's object, which here is the
 * agent's root command, not this class.
 */
@Command(name = "operator-commands", hidden = true)
public final class OperatorCommands {
    static final String ENGINE = "the engine's id, as register printed it";

    @Command(name = "update", description = {"Replace an engine's advert (agent or operator key).",
            "Costs: " + Gas.UPDATE + "."})
    static int update(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = ENGINE) long engineId,
            @Mixin AdvertOptions advert) throws Exception {
        EngineRegistry.Advert ad = advert.toAdvert();
        return onRegistry(chain, "replacing the advert of engine " + engineId, r -> r.updateAdvert(id(engineId), ad));
    }

    /** The old name of {@code stake add}, kept hidden so scripts that call it still work. */
    @Command(name = "add-stake", hidden = true, description = {"Add stake to an engine: the old name of `stake add`.",
            "Costs: the amount, plus " + Gas.ADD_STAKE + "."})
    static int addStake(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = ENGINE) long engineId,
            @Option(names = "--amount", required = true, paramLabel = "AMOUNT", converter = Wei.Converter.class,
                    description = "0.5eth, 500000000gwei, 500000000000000000wei (a bare number is ether)") Wei amount)
            throws Exception {
        return onRegistry(chain, "adding " + amount + " to the stake of engine " + engineId, amount.value(),
                r -> r.addStake(id(engineId), amount.value()));
    }

    @Command(name = "unbond", description = {"Start unbonding stake: it unlocks after the unbonding period "
            + "(operator key). An engine whose stake falls below the minimum halts and its leases stop earning.",
            "Costs: " + Gas.UNBOND + "."})
    static int unbond(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = ENGINE) long engineId,
            @Option(names = "--amount", required = true, paramLabel = "AMOUNT", converter = Wei.Converter.class,
                    description = "0.5eth, 500000000gwei, 500000000000000000wei (a bare number is ether)") Wei amount)
            throws Exception {
        return onRegistry(chain, "unbonding " + amount + " of engine " + engineId,
                r -> r.requestUnbond(id(engineId), amount.value()));
    }

    @Command(name = "withdraw", description = {"Withdraw unbonded stake once unlocked, to the operator (operator key).",
            "Costs: " + Gas.WITHDRAW + "."})
    static int withdraw(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = ENGINE) long engineId)
            throws Exception {
        return onRegistry(chain, "withdrawing the unbonded stake of engine " + engineId, r -> r.withdraw(id(engineId)));
    }

    @Command(name = "answer-challenge", description = {"Answer an open availability challenge by hand (agent or "
            + "operator key); the daemon does this by itself. The challenger's bond is credited to the payout address.",
            "Costs: " + Gas.ANSWER_CHALLENGE + "."})
    static int answer(@Mixin ChainOptions chain,
            @Option(names = "--challenge", required = true, paramLabel = "ID", description = "the challenge's id")
            long challengeId) throws Exception {
        return onRegistry(chain, "answering challenge " + challengeId, r -> r.answerChallenge(id(challengeId)));
    }

    @Command(name = "claim", description = {"Claim what leases of an engine have earned, paid to its payout address "
            + "(agent or operator key); `leases` lists them with what each can claim.",
            "Costs: " + Gas.CLAIM + "."})
    static int claim(@Mixin ChainOptions chain,
            @Option(names = "--engine", required = true, paramLabel = "ID", description = ENGINE) long engineId,
            @Parameters(arity = "1..*", paramLabel = "LEASE") List<Long> leaseIds) throws Exception {
        List<BigInteger> ids = leaseIds.stream().map(OperatorCommands::id).toList();
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            LeaseEscrow escrow = connection.escrow(deployment.escrow());
            TransactionReceipt receipt = new Transactions(connection, chain.err()).send("claiming leases " + leaseIds
                    + " of engine " + engineId, deployment.escrow(), escrow.claim(id(engineId), ids));
            BigInteger total = escrow.getLeaseClaimedEvents(receipt).stream()
                    .map(e -> e.amount).reduce(BigInteger.ZERO, BigInteger::add);
            chain.out().printf("claimed %s (tx %s, gas %s)%n", Amounts.ether(total), receipt.getTransactionHash(),
                    receipt.getGasUsed());
        }
        return 0;
    }

    interface RegistryCall {
        RemoteFunctionCall<TransactionReceipt> on(EngineRegistry registry);
    }

    static int onRegistry(ChainOptions chain, String doing, RegistryCall call) throws Exception {
        return onRegistry(chain, doing, BigInteger.ZERO, call);
    }

    /** Sends one registry transaction with {@code value} wei, signed by the options' key, and prints its receipt. */
    static int onRegistry(ChainOptions chain, String doing, BigInteger value, RegistryCall call) throws Exception {
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            TransactionReceipt receipt = new Transactions(connection, chain.err()).send(doing, deployment.registry(),
                    call.on(connection.registry(deployment.registry())), value);
            chain.out().printf("done (tx %s, gas %s)%n", receipt.getTransactionHash(), receipt.getGasUsed());
        }
        return 0;
    }

    static BigInteger id(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("ids count from 1, not " + id);
        }
        return BigInteger.valueOf(id);
    }
}
