package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * The follower against a scripted node ({@link FakeNode}): range halving, back-off and its bounds, which a local
 * anvil cannot provoke (it neither limits log ranges nor rate-limits), and the walk back to a common ancestor.
 */
class LogFollowerTest {
    private static final Backoff FAST = new Backoff(5, Duration.ofMillis(10), Duration.ofMillis(40));
    private static final String TOO_MANY = "Invalid response received: 429; Too Many Requests";

    private final FakeNode node = new FakeNode();
    private final List<Duration> pauses = new ArrayList<>();
    private FollowSettings settings = new FollowSettings("0x00000000000000000000000000000000000000a1",
            "0x00000000000000000000000000000000000000e2", 0, 0, 100, 128, FAST);

    @Test
    void halvesARefusedRangeUntilTheNodeServesItAndKeepsTheSmallerRange() {
        node.maxLogBlocks = 30;
        LogFollower follower = follower(Map.of());

        Step.Events first = (Step.Events) follower.next(Optional.empty());
        assertThat(first.from()).isZero();
        assertThat(first.to()).isEqualTo(new ChainPosition(99, FakeNode.hash(99)));
        assertThat(first.blocks()).containsExactly(first.to());
        assertThat(follower.range()).isEqualTo(25);
        Step.Events second = (Step.Events) follower.next(Optional.of(first.to()));
        assertThat(second.from()).isEqualTo(100);
        assertThat(second.to().number()).isEqualTo(124);

        assertThat(logRequests()).containsExactly("eth_getLogs 0..99", "eth_getLogs 0..49", "eth_getLogs 0..24",
                "eth_getLogs 25..49", "eth_getLogs 50..99", "eth_getLogs 50..74", "eth_getLogs 75..99",
                "eth_getLogs 100..124");
        assertThat(pauses).as("a refused range is asked again at once, in halves").isEmpty();
    }

    @Test
    void aNodeThatRefusesEvenOneBlockIsUnavailable() {
        node.maxLogBlocks = 0;
        ChainUnavailableException refused = catchThrowableOfType(ChainUnavailableException.class,
                () -> follower(Map.of()).next(Optional.empty()));
        assertThat(refused).hasMessageContaining("eth_getLogs(block 0)").hasMessageContaining("single block");
        assertThat(refused.rpcCode()).hasValue(-32005);
    }

    @Test
    void rateLimitedRequestsBackOffExponentiallyUpToTheBound() {
        node.failNext("eth_blockNumber", new ClientConnectionException(TOO_MANY), new ClientConnectionException(TOO_MANY),
                new ClientConnectionException(TOO_MANY), new ClientConnectionException(TOO_MANY));
        node.failNext("eth_getLogs", new Response.Error(-32005, "daily request count exceeded, request rate limited"));
        LogFollower follower = follower(Map.of());

        Step.Events events = (Step.Events) follower.next(Optional.empty());

        assertThat(events.to().number()).isEqualTo(99);
        assertThat(pauses).containsExactly(ms(10), ms(20), ms(40), ms(40), ms(10));
        assertThat(follower.range()).as("a rate limit says nothing about the range").isEqualTo(100);
    }

    @Test
    void aNodeThatKeepsFailingIsUnavailableAfterTheBoundedAttemptsAndSaysWhatItWaitedFor() {
        node.failAlways("eth_getLogs", new Response.Error(-32000, "header not found"));
        ChainUnavailableException failed = catchThrowableOfType(ChainUnavailableException.class,
                () -> follower(Map.of()).next(Optional.empty()));

        assertThat(failed.request()).isEqualTo("eth_getLogs(blocks 0..99)");
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.waited()).isEqualTo(ms(110));
        assertThat(failed.rpcCode()).hasValue(-32000);
        assertThat(failed).hasMessageContaining("header not found").hasMessageContaining("after 5 attempts");
        assertThat(node.requests).filteredOn(r -> r.startsWith("eth_getLogs")).hasSize(5);
    }

    @Test
    void anUnreachableNodeIsUnavailableWithTheTransportFailureAsCause() {
        node.failAlways("eth_blockNumber", new IOException("Connection refused"));
        ChainUnavailableException failed = catchThrowableOfType(ChainUnavailableException.class,
                () -> follower(Map.of()).next(Optional.empty()));
        assertThat(failed.request()).isEqualTo("eth_blockNumber");
        assertThat(failed.rpcCode()).isEmpty();
        assertThat(failed).hasRootCauseInstanceOf(IOException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void confirmationsHoldBackTheNewestBlocks() {
        settings = new FollowSettings(settings.registry(), settings.escrow(), 0, 10, 5_000, 128, FAST);
        LogFollower follower = follower(Map.of());
        Step.Events events = (Step.Events) follower.next(Optional.empty());
        assertThat(events.to().number()).isEqualTo(990);
        assertThat(follower.next(Optional.of(events.to()))).isEqualTo(new Step.AtHead(1_000));
    }

    @Test
    void rewindsToTheNewestStoredBlockStillOnTheChainPassingOverBlocksNeverStored() {
        ChainPosition lost = new ChainPosition(500, "0x" + "de".repeat(32));
        LogFollower follower = follower(Map.of(499L, "0x" + "be".repeat(32), 495L, FakeNode.hash(495)));
        assertThat(follower.next(Optional.of(lost))).isEqualTo(new Step.Rewind(new ChainPosition(495, FakeNode.hash(495))));
    }

    @Test
    void rewindsToTheBlockBeforeTheStartWhenNothingStoredIsOnTheChain() {
        settings = new FollowSettings(settings.registry(), settings.escrow(), 490, 0, 100, 128, FAST);
        ChainPosition lost = new ChainPosition(500, "0x" + "de".repeat(32));
        assertThat(follower(Map.of(495L, "0x" + "be".repeat(32))).next(Optional.of(lost)))
                .isEqualTo(new Step.Rewind(new ChainPosition(489, FakeNode.hash(489))));
    }

    @Test
    void refusesToGuessBeyondTheDepthBound() {
        settings = settings.withMaxReorgDepth(3);
        ChainPosition lost = new ChainPosition(500, "0x" + "de".repeat(32));
        assertThatThrownBy(() -> follower(Map.of(496L, FakeNode.hash(496))).next(Optional.of(lost)))
                .isInstanceOfSatisfying(ReorgTooDeepException.class, e -> {
                    assertThat(e.lost()).isEqualTo(lost);
                    assertThat(e.searchedDepth()).isEqualTo(3);
                }).hasMessageContaining("deeper than 3 blocks");
    }

    private LogFollower follower(Map<Long, String> knownHashes) {
        return new LogFollower(Web3j.build(node), settings, n -> Optional.ofNullable(knownHashes.get(n)), logs -> null,
                pauses::add);
    }

    private List<String> logRequests() {
        return node.requests.stream().filter(r -> r.startsWith("eth_getLogs")).toList();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
