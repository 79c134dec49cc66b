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

/** What an operator does to an engine after registering it: one transaction each. */
@Command(name = "operator-commands", hidden = true)
public final class OperatorCommands {
    @Command(name = "update", description = "Replace an engine's advert.")
    int update(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Mixin AdvertOptions advert) throws Exception {
        EngineRegistry.Advert ad = advert.toAdvert();
        return onRegistry(chain, "updating the advert of engine " + engineId, r -> r.updateAdvert(engineId, ad));
    }

    @Command(name = "add-stake", description = "Add stake to an engine.")
    int addStake(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Option(names = "--amount", required = true, paramLabel = "ETH") String amount) throws Exception {
        BigInteger wei = Amounts.etherToWei(amount);
        return onRegistry(chain, "adding " + Amounts.ether(wei) + " to engine " + engineId, r -> r.addStake(engineId, wei));
    }

    @Command(name = "unbond", description = "Start unbonding stake (locked for the unbonding period).")
    int unbond(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Option(names = "--amount", required = true, paramLabel = "ETH") String amount) throws Exception {
        BigInteger wei = Amounts.etherToWei(amount);
        return onRegistry(chain, "unbonding " + Amounts.ether(wei) + " of engine " + engineId,
                r -> r.requestUnbond(engineId, wei));
    }

    @Command(name = "withdraw", description = "Withdraw unlocked unbonded stake.")
    int withdraw(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId)
            throws Exception {
        return onRegistry(chain, "withdrawing the unbonded stake of engine " + engineId, r -> r.withdraw(engineId));
    }

    @Command(name = "answer-challenge", description = "Answer an open availability challenge (agent or operator key).")
    int answer(@Mixin ChainOptions chain, @Option(names = "--challenge", required = true) BigInteger challengeId)
            throws Exception {
        return onRegistry(chain, "answering challenge " + challengeId, r -> r.answerChallenge(challengeId));
    }

    @Command(name = "set-agent", description = "Name the engine's agent, the hot key the daemon runs on (operator key).")
    int setAgent(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Option(names = "--agent", required = true, paramLabel = "ADDRESS") String agent) throws Exception {
        String address = Amounts.requireAddress(agent);
        return onRegistry(chain, "naming " + address + " the agent of engine " + engineId, r -> r.setAgent(engineId, address));
    }

    @Command(name = "set-payout", description = "Name the address claims are paid to (operator key).")
    int setPayout(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Option(names = "--payout", required = true, paramLabel = "ADDRESS") String payout) throws Exception {
        String address = Amounts.requireAddress(payout);
        return onRegistry(chain, "paying engine " + engineId + "'s earnings to " + address,
                r -> r.setPayout(engineId, address));
    }

    @Command(name = "claim", description = "Claim what has accrued on leases of an engine, paid to its payout address.")
    int claim(@Mixin ChainOptions chain, @Option(names = "--engine", required = true) BigInteger engineId,
            @Parameters(arity = "1..*", paramLabel = "LEASE") List<BigInteger> leaseIds) throws Exception {
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            LeaseEscrow escrow = connection.escrow(deployment.escrow());
            System.err.println("claiming leases " + leaseIds + "...");
            TransactionReceipt receipt = escrow.claim(engineId, leaseIds).send();
            BigInteger total = escrow.getLeaseClaimedEvents(receipt).stream()
                    .map(e -> e.amount).reduce(BigInteger.ZERO, BigInteger::add);
            System.out.printf("claimed %s (tx %s)%n", Amounts.ether(total), receipt.getTransactionHash());
        }
        return 0;
    }

    private interface RegistryCall {
        RemoteFunctionCall<TransactionReceipt> on(EngineRegistry registry);
    }

    private static int onRegistry(ChainOptions chain, String doing, RegistryCall call) throws Exception {
        Deployment deployment = chain.deployment();
        try (ChainConnection connection = chain.connect(deployment)) {
            System.err.println(doing + "...");
            TransactionReceipt receipt = call.on(connection.registry(deployment.registry())).send();
            System.out.printf("done (tx %s, gas %s)%n", receipt.getTransactionHash(), receipt.getGasUsed());
        }
        return 0;
    }
}
