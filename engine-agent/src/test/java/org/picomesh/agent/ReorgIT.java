package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.MarketEvents;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * The agent daemon through a reorganisation ({@code anvil_reorg}) that drops its answer, a challenge it answered and
 * its claim: on the chain that stays, the challenge still there is answered once, the one that left is not, and
 * every lease is claimed once, with the agent's database saying the same. Real anvil, pico engine and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorgIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int PAYOUT = 6;
    private AgentMesh mesh;
    private Web3j web3j;
    private ConfigurableApplicationContext agent;
    private String payout;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        web3j = Web3j.build(new HttpService(mesh.anvil.rpcUrl()));
        payout = DevAccounts.account(PAYOUT).getAddress();
        mesh.registry(AgentMesh.OPERATOR).setPayout(BigInteger.valueOf(mesh.engineId), payout).send();
    }

    @AfterAll
    void stop() throws Exception {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void afterAReorganisationEveryChallengeStillOnTheChainIsAnsweredOnceAndEveryLeaseClaimedOnce() throws Exception {
        // before the agent runs: two leases earn for two hours, the second one ends, a challenge is opened
        for (int pico = 1; pico <= 2; pico++) {
            mesh.pico(pico).openLease(BigInteger.valueOf(mesh.engineId), BigInteger.TWO.pow(72), AgentMesh.ether("0.01"))
                    .send();
        }
        mesh.anvil.increaseTime(Duration.ofHours(2));
        mesh.pico(2).close().send();
        BigInteger kept = openChallenge();
        long fork = head();
        BigInteger before = mesh.balance(payout);

        agent = mesh.startAgent(mesh.newDataDir(), "--picomesh.agent.claim-interval=500ms");
        await("the claim", () -> claims(0, head()).size() == 2);
        await("the answer", () -> answers(kept, 0, head()) == 1);
        BigInteger dropped = openChallenge();
        await("the second answer", () -> answers(dropped, 0, head()) == 1);
        await("the agent to follow the head", this::followedToHead);
        assertThat(db().queryForObject("select count(*) from claim", Long.class)).isEqualTo(1);

        mesh.anvil.call("anvil_reorg", head() - fork, List.of()); // drops the claim, both answers and `dropped`

        assertThat(claims(0, head())).as("the reorganisation dropped the claim").isEmpty();
        await("the answer again", () -> answers(kept, 0, head()) == 1);
        await("the claim again", () -> claims(0, head()).size() == 2);
        await("the agent to follow the new branch", () -> followedToHead() && db().queryForObject(
                "select count(*) from challenge where status = 'open'", Long.class) == 0);

        long head = head();
        assertThat(answerTransactions(fork, head)).as("one answer sent on the chain that stays").isEqualTo(1);
        assertThat(events(MarketEvent.ChallengeOpened.class, 0, head)).extracting(c -> BigInteger.valueOf(
                c.challengeId())).containsExactly(kept);
        List<MarketEvent.LeaseClaimed> claimed = claims(0, head);
        assertThat(claimed).extracting(MarketEvent.LeaseClaimed::leaseId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(mesh.balance(payout).subtract(before)).as("the payout address got each lease's two hours once")
                .isEqualTo(claimed.stream().map(MarketEvent.LeaseClaimed::amount).reduce(BigInteger.ZERO,
                        BigInteger::add)).isBetween(AgentMesh.ether("0.004"), AgentMesh.ether("0.0041"));
        assertThat(db().queryForList("select id, status from challenge")).as("the agent's view: the same")
                .containsExactly(java.util.Map.of("id", kept.longValueExact(), "status", "answered"));
        assertThat(db().queryForObject("select count(*) from claim", Long.class)).isEqualTo(1);
        assertThat(db().queryForObject("select count(*) from hosted_lease where settled", Long.class))
                .as("the ended lease is settled by the claim that stays").isEqualTo(1);
    }

    private BigInteger openChallenge() throws Exception {
        var challenger = mesh.registry(AgentMesh.CHALLENGER);
        var receipt = challenger.openChallenge(BigInteger.valueOf(mesh.engineId), AgentMesh.ether("0.1")).send();
        return challenger.getChallengeOpenedEvents(receipt).get(0).challengeId;
    }

    private long answers(BigInteger challenge, long from, long to) {
        return events(MarketEvent.ChallengeAnswered.class, from, to).stream()
                .filter(a -> a.challengeId() == challenge.longValueExact()).count();
    }

    private List<MarketEvent.LeaseClaimed> claims(long from, long to) {
        return events(MarketEvent.LeaseClaimed.class, from, to);
    }

    /** The market's events of one kind in blocks {@code from..to} of the node's current chain. */
    private <E extends MarketEvent> List<E> events(Class<E> kind, long from, long to) {
        try {
            var filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                    List.of(mesh.deployment.registry(), mesh.deployment.escrow()));
            return web3j.ethGetLogs(filter).send().getLogs().stream().map(r -> (Log) r.get())
                    .flatMap(l -> EventDecoder.market().decode(l).stream()).map(MarketEvents::from)
                    .map(Located::event).filter(kind::isInstance).map(kind::cast).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The agent's answerChallenge transactions mined in blocks after {@code fork}, reverted or not. */
    private long answerTransactions(long fork, long head) throws Exception {
        String selector = mesh.registry(AgentMesh.AGENT).answerChallenge(BigInteger.ONE).encodeFunctionCall()
                .substring(0, 10);
        String agentAddress = DevAccounts.account(AgentMesh.AGENT).getAddress();
        long count = 0;
        for (long n = fork + 1; n <= head; n++) {
            for (EthBlock.TransactionResult<?> result : web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(n)), true).send().getBlock().getTransactions()) {
                var tx = (EthBlock.TransactionObject) result.get();
                if (tx.getFrom().equalsIgnoreCase(agentAddress) && tx.getInput().startsWith(selector)) {
                    count++;
                }
            }
        }
        return count;
    }

    private boolean followedToHead() {
        Long followed = db().queryForObject("select max(block_number) from follower_checkpoint", Long.class);
        return followed != null && followed == head();
    }

    private JdbcTemplate db() {
        return agent.getBean(JdbcTemplate.class);
    }

    private long head() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(BOUND, what, condition);
    }
}
