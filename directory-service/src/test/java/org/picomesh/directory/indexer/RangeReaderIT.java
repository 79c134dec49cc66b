package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.chain.ChainNode;
import org.picomesh.directory.chain.ChainProperties;
import org.picomesh.directory.chain.MarketContracts;
import org.picomesh.directory.support.TcpProxy;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.picomesh.directory.support.TestChain;

/** The reader against a real anvil: ranges read ahead are joined only when they continue what came before. */
class RangeReaderIT {
    private static TestChain chain;
    private static long start;
    private static long head;

    @BeforeAll
    static void aChainOfSixtyBlocksWithEnginesSpreadOverThem() throws Exception {
        chain = new TestChain();
        start = chain.deployment.deploymentBlock().longValueExact();
        for (int n = 1; n <= 6; n++) {
            chain.register(1 + n % 3, SampleAdverts.advert("https://engine-" + n + ".example", n, 5), "1");
            chain.anvil.call("anvil_mine", "0x9");
        }
        head = chain.blockNumber();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void joinsTheRangesAlreadyReadAheadIntoOneWithEveryEventInOrder() throws Exception {
        try (RangeReader reader = reader()) {
            RangeReader.Range first = reader.next(start, null, head, head, 1_000_000).orElseThrow();
            Thread.sleep(2_000); // ranges of 8 blocks read ahead to the head meanwhile (in milliseconds)
            RangeReader.Range rest = reader.next(first.to() + 1, first.last().hash(), head, head, 1_000_000).orElseThrow();

            assertThat(first.to()).isEqualTo(start + 7);
            assertThat(rest.from()).isEqualTo(first.to() + 1);
            assertThat(rest.to()).isEqualTo(head);
            assertThat(rest.to() - rest.from() + 1).isGreaterThan(8);
            assertThat(rest.last().hash()).isEqualTo(chain.as(0).web3j().ethGetBlockByNumber(
                    org.web3j.protocol.core.DefaultBlockParameter.valueOf(java.math.BigInteger.valueOf(head)), false)
                    .send().getBlock().getHash());
            long registered = first.logs().stream().filter(l -> l.name().equals("EngineRegistered")).count()
                    + rest.logs().stream().filter(l -> l.name().equals("EngineRegistered")).count();
            assertThat(registered).isEqualTo(6);
            assertThat(rest.logs()).isSortedAccordingTo((a, b) -> a.blockNumber() != b.blockNumber()
                    ? Long.compare(a.blockNumber(), b.blockNumber()) : Integer.compare(a.logIndex(), b.logIndex()));
            assertThat(rest.copy().count()).isEqualTo(rest.logs().size());
        }
    }

    @Test
    void refusesToContinueABlockTheChainNoLongerHas() {
        try (RangeReader reader = reader()) {
            RangeReader.Range first = reader.next(start, null, head, head, 1_000_000).orElseThrow();

            Optional<RangeReader.Range> afterAnAbandonedBlock =
                    reader.next(first.to() + 1, "0x" + "ab".repeat(32), head, head, 1_000_000);

            assertThat(afterAnAbandonedBlock).isEmpty();
            assertThat(reader.next(first.to() + 1, first.last().hash(), head, head, 1_000_000)).isPresent();
        }
    }

    @Test
    void readsAgainARangeWhoseReadAheadFailedWhileTheNodeWasAway() throws Exception {
        try (TcpProxy proxy = new TcpProxy(chain.anvil.port());
                RangeReader reader = reader(Web3j.build(new HttpService(proxy.url())))) {
            RangeReader.Range first = reader.next(start, null, head, head, 1_000_000).orElseThrow();
            proxy.cut();
            Thread.sleep(2_000); // the read-ahead fails meanwhile (one attempt each)
            proxy.restore();

            RangeReader.Range rest = reader.next(first.to() + 1, first.last().hash(), head, head, 1_000_000).orElseThrow();

            assertThat(rest.from()).isEqualTo(first.to() + 1);
            assertThat(rest.to()).isEqualTo(first.to() + 8); // read again now: one range, the failed ones dropped
        }
    }

    private static RangeReader reader() {
        return reader(chain.as(0).web3j());
    }

    private static RangeReader reader(Web3j web3j) {
        // ranges of at most 8 blocks: the 60 blocks take several, which the reader must join
        ChainProperties properties = new ChainProperties(null, Path.of("unused"), null, null, null, 0, false, 8,
                Duration.ofMillis(250), 1, Duration.ofMillis(100));
        MarketContracts market = new MarketContracts(chain.deployment.rpcUrl(), chain.deployment.chainId(),
                chain.deployment.registry(), chain.deployment.escrow(), start);
        return new RangeReader(new ChainNode(web3j, properties.maxAttempts(), properties.maxBackoff()), market, properties);
    }
}
