package org.picomesh.directory.picos;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The chain's own time: when a block was made, and the newest block's time (what the escrow counts rent by, which
 * on a dev chain may run ahead of the wall clock). Logs carry no time, so blocks are asked of the node and kept.
 */
@Component
class ChainClock {
    private static final Duration HEAD_TTL = Duration.ofSeconds(2);

    private final Web3j web3j;
    private final RecentAnswers<Long, Optional<Instant>> blocks;
    private final RecentAnswers<String, Optional<Instant>> head;

    ChainClock(Web3j web3j) {
        this.web3j = web3j;
        this.blocks = new RecentAnswers<>(10_000, Duration.ofHours(1), Ticker.systemTicker());
        this.head = new RecentAnswers<>(1, HEAD_TTL, Ticker.systemTicker());
    }

    /** When the block was made, or empty when the node does not say. */
    Optional<Instant> blockTime(long number) {
        return blocks.get(number, n -> time(DefaultBlockParameter.valueOf(BigInteger.valueOf(n))), Optional::isPresent);
    }

    /** The newest block's time, or empty when the node does not answer. */
    Optional<Instant> now() {
        return head.get("latest", k -> time(DefaultBlockParameterName.LATEST));
    }

    private Optional<Instant> time(DefaultBlockParameter block) {
        try {
            EthBlock.Block found = web3j.ethGetBlockByNumber(block, false).send().getBlock();
            return found == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(found.getTimestamp().longValueExact()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
