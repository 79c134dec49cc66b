package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.chain.AgentSender;
import org.picomesh.agent.chain.Outgoing;
import org.picomesh.agent.chain.SenderProperties;
import org.picomesh.contracts.devnet.DevAccounts;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The daemon's one sender per key on a real anvil with automatic mining off: a transaction left unmined is replaced
 * with the same nonce and a higher gas price and mined once; two transactions sent at the same moment get two nonces
 * and both are mined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentSenderIT {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private AgentMesh mesh;
    private Web3j web3j;
    private String agent;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        web3j = Web3j.build(new HttpService(mesh.anvil.rpcUrl()));
        agent = DevAccounts.account(AgentMesh.AGENT).getAddress();
    }

    @AfterEach
    void mineAgain() {
        mesh.anvil.call("evm_setAutomine", true);
    }

    @AfterAll
    void stop() throws Exception {
        web3j.shutdown();
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void anUnminedAnswerIsReplacedWithTheSameNonceAndAHigherGasPriceAndMinedOnce() throws Exception {
        BigInteger challenge = openChallenge();
        long nonce = count(DefaultBlockParameterName.LATEST);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AgentSender sender = sender(Duration.ofMillis(500), meters);
        mesh.anvil.call("evm_setAutomine", false);

        CompletableFuture<TransactionReceipt> answer = sendAsync(sender, answerOf(challenge), null);
        await("the answer in the pool", () -> pooled().size() == 1);
        Map<?, ?> first = pooled().get(0);
        BigInteger firstPrice = Numeric.decodeQuantity((String) first.get("gasPrice"));
        await("the answer replaced", () -> meters.counter("picomesh.agent.tx.bumped", "purpose", "answer").count() > 0);

        List<Map<?, ?>> pool = pooled();
        assertThat(pool).as("the replacement took the first one's place").hasSize(1);
        assertThat(pool.get(0).get("hash")).isNotEqualTo(first.get("hash"));
        // a base fee above the first price and below the replacement's: only a bumped copy can be mined
        BigInteger baseFee = firstPrice.add(firstPrice.divide(BigInteger.TEN));
        mesh.anvil.call("anvil_setNextBlockBaseFeePerGas", Numeric.encodeQuantity(baseFee));
        mesh.anvil.call("evm_mine");

        TransactionReceipt mined = answer.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(mined.isStatusOK()).isTrue();
        var tx = web3j.ethGetTransactionByHash(mined.getTransactionHash()).send().getTransaction().orElseThrow();
        assertThat(tx.getNonce().longValueExact()).as("the same nonce").isEqualTo(nonce);
        assertThat(tx.getGasPrice()).isGreaterThanOrEqualTo(firstPrice.multiply(BigInteger.valueOf(1125))
                .divide(BigInteger.valueOf(1000)));
        assertThat(web3j.ethGetTransactionReceipt((String) first.get("hash")).send().getTransactionReceipt())
                .as("the first copy was never mined").isEmpty();
        assertThat(count(DefaultBlockParameterName.LATEST)).as("one transaction mined").isEqualTo(nonce + 1);
        assertThat(answered(challenge)).isTrue();
    }

    @Test
    void anAnswerAndAClaimSentAtTheSameMomentGetTwoNoncesAndBothAreMined() throws Exception {
        mesh.registry(AgentMesh.OPERATOR).setPayout(BigInteger.valueOf(mesh.engineId),
                DevAccounts.account(6).getAddress()).send();
        var opened = mesh.pico(1).openLease(BigInteger.valueOf(mesh.engineId), BigInteger.TWO.pow(72),
                AgentMesh.ether("0.01")).send();
        BigInteger lease = mesh.pico(1).getLeaseOpenedEvents(opened).get(0).leaseId;
        mesh.anvil.increaseTime(Duration.ofHours(1));
        BigInteger challenge = openChallenge();
        long nonce = count(DefaultBlockParameterName.LATEST);
        AgentSender sender = sender(BOUND, new SimpleMeterRegistry()); // no replacement within the test
        Outgoing claim = new Outgoing("claim", "engine " + mesh.engineId, mesh.deployment.escrow(),
                mesh.pico(1).claim(BigInteger.valueOf(mesh.engineId), List.of(lease)).encodeFunctionCall());
        mesh.anvil.call("evm_setAutomine", false);

        CountDownLatch go = new CountDownLatch(1);
        var answer = sendAsync(sender, answerOf(challenge), go);
        var claimed = sendAsync(sender, claim, go);
        go.countDown();
        await("both in the pool", () -> pooled().size() == 2);
        mesh.anvil.call("evm_mine");

        TransactionReceipt a = answer.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        TransactionReceipt c = claimed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(List.of(nonceOf(a), nonceOf(c))).containsExactlyInAnyOrder(nonce, nonce + 1);
        assertThat(a.getBlockNumber()).isEqualTo(c.getBlockNumber());
        assertThat(answered(challenge)).isTrue();
        assertThat(mesh.pico(1).getLeaseClaimedEvents(c)).hasSize(1)
                .allSatisfy(e -> assertThat(e.amount).isPositive());
    }

    private AgentSender sender(Duration bumpAfter, SimpleMeterRegistry meters) {
        var settings = new SenderProperties(new java.math.BigDecimal("500"), bumpAfter, 3, BOUND);
        return new AgentSender(web3j, DevAccounts.account(AgentMesh.AGENT), 31337, settings, Duration.ofMillis(50),
                meters);
    }

    private static CompletableFuture<TransactionReceipt> sendAsync(AgentSender sender, Outgoing tx,
            CountDownLatch go) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (go != null) {
                    go.await();
                }
                return sender.send(tx);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Outgoing answerOf(BigInteger challenge) {
        var registry = mesh.registry(AgentMesh.AGENT);
        return new Outgoing("answer", "challenge " + challenge, registry.getContractAddress(),
                registry.answerChallenge(challenge).encodeFunctionCall());
    }

    private BigInteger openChallenge() throws Exception {
        var challenger = mesh.registry(AgentMesh.CHALLENGER);
        var receipt = challenger.openChallenge(BigInteger.valueOf(mesh.engineId), AgentMesh.ether("0.1")).send();
        return challenger.getChallengeOpenedEvents(receipt).get(0).challengeId;
    }

    private boolean answered(BigInteger challenge) throws Exception {
        return mesh.registry(AgentMesh.CHALLENGER).challenge(challenge).send().deadline.signum() == 0;
    }

    /** The agent key's transactions in anvil's pool. */
    private List<Map<?, ?>> pooled() {
        Map<?, ?> pending = (Map<?, ?>) ((Map<?, ?>) mesh.anvil.call("txpool_content")).get("pending");
        return pending.entrySet().stream().filter(e -> ((String) e.getKey()).equalsIgnoreCase(agent))
                .flatMap(e -> ((Map<?, ?>) e.getValue()).values().stream()).<Map<?, ?>>map(t -> (Map<?, ?>) t).toList();
    }

    private long count(DefaultBlockParameterName at) throws Exception {
        return web3j.ethGetTransactionCount(agent, at).send().getTransactionCount().longValueExact();
    }

    private long nonceOf(TransactionReceipt receipt) throws Exception {
        return web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction().orElseThrow()
                .getNonce().longValueExact();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(BOUND, what, condition);
    }
}
