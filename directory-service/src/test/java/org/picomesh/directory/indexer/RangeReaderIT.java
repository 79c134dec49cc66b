package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.events.MarketLog;
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

/** The reader against a real anvil: ranges read ahead are handed over only when they continue what came before. */
class RangeReaderIT {
    private static TestChain chain;
    private static final int DENSE_BLOCKS = 40;
    private static long start;
    /** The first of {@link #DENSE_BLOCKS} blocks that each hold a registration (two events). */
    private static long denseFrom;
    private static long head;

    @BeforeAll
    static void sixtyBlocksWithEnginesSpreadOverThemThenFortyWithOneEach() throws Exception {
        chain = new TestChain();
        start = chain.deployment.deploymentBlock().longValueExact();
        for (int n = 1; n <= 6; n++) {
            chain.register(1 + n % 3, SampleAdverts.advert("https://engine-" + n + ".example", n, 5), "1");
            chain.anvil.call("anvil_mine", "0x9");
        }
        denseFrom = chain.blockNumber() + 1;
        for (int n = 7; n < 7 + DENSE_BLOCKS; n++) {
            chain.register(1 + n % 3, SampleAdverts.advert("https://engine-" + n + ".example", n, 5), "1");
        }
        head = chain.blockNumber();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void handsOverTheRangesReadAheadOneAfterTheOtherToTheHeadWithEveryEventInOrder() throws Exception {
        try (RangeReader reader = reader()) {
            List<RangeReader.Range> ranges = readAll(reader);

            // nothing was read ahead: the first range is small, the next ones double up to the most (8 blocks)
            // (a range is sized by the latest read back when a reader is free for it, so a size may repeat once
            // while the range before it is still being read; it never more than doubles)
            List<Long> sizes = ranges.stream().map(r -> r.to() - r.from() + 1).toList();
            assertThat(sizes.subList(0, 3)).containsExactly(1L, 2L, 4L);
            assertThat(sizes.subList(0, 6)).contains(8L);
            for (int n = 1; n < sizes.size(); n++) {
                assertThat(sizes.get(n)).isLessThanOrEqualTo(2 * sizes.subList(0, n).stream().max(Long::compare).orElseThrow());
            }
            assertThat(ranges).allSatisfy(r -> assertThat(r.to() - r.from() + 1).isBetween(1L, 8L));
            for (int n = 1; n < ranges.size(); n++) {
                assertThat(ranges.get(n).from()).isEqualTo(ranges.get(n - 1).to() + 1);
                assertThat(ranges.get(n).before().orElseThrow()).isEqualTo(ranges.get(n - 1).last());
            }
            RangeReader.Range last = ranges.get(ranges.size() - 1);
            assertThat(last.to()).isEqualTo(head);
            assertThat(last.last().hash()).isEqualTo(chain.as(0).web3j().ethGetBlockByNumber(
                    org.web3j.protocol.core.DefaultBlockParameter.valueOf(java.math.BigInteger.valueOf(head)), false)
                    .send().getBlock().getHash());
            List<MarketLog> logs = ranges.stream().flatMap(r -> r.logs().stream()).toList();
            assertThat(logs.stream().filter(l -> l.name().equals("EngineRegistered")).count())
                    .isEqualTo(6 + DENSE_BLOCKS);
            assertThat(logs).isSortedAccordingTo((a, b) -> a.blockNumber() != b.blockNumber()
                    ? Long.compare(a.blockNumber(), b.blockNumber()) : Integer.compare(a.logIndex(), b.logIndex()));
            assertThat(ranges).allSatisfy(r -> assertThat(r.copy().count()).isEqualTo(r.logs().size()));
        }
    }

    @Test
    void refusesToContinueABlockTheChainNoLongerHas() {
        try (RangeReader reader = reader()) {
            RangeReader.Range first = reader.first(start, null, head, head).orElseThrow();

            Optional<RangeReader.Range> afterAnAbandonedBlock = reader.first(first.to() + 1, "0x" + "ab".repeat(32), head, head);

            assertThat(afterAnAbandonedBlock).isEmpty();
            assertThat(reader.first(first.to() + 1, first.last().hash(), head, head)).isPresent();
        }
    }

    @Test
    void readsAgainARangeWhoseReadAheadFailedWhileTheNodeWasAway() throws Exception {
        try (TcpProxy proxy = new TcpProxy(chain.anvil.port());
                RangeReader reader = reader(Web3j.build(new HttpService(proxy.url())))) {
            // told the head is its last block, the reader reads nothing ahead of the first range (of one block)
            RangeReader.Range first = reader.first(start, null, start, head).orElseThrow();
            proxy.cut();
            // the reads ahead asked for now fail (one attempt each): the transaction ends with what it has
            assertThat(reader.following(first, head, head)).isEmpty();
            proxy.restore();

            RangeReader.Range again = reader.first(first.to() + 1, first.last().hash(), head, head).orElseThrow();

            assertThat(again.from()).isEqualTo(first.to() + 1);
            // read again now, as after any pause: the failed ranges dropped, a small first range
            assertThat(again.to()).isEqualTo(first.to() + 1);
        }
    }

    @Test
    void sizesEachRangeAskedForByTheLatestReadSoThatADenserStretchIsReadInSmallerRanges() {
        // aimed at one registration's two events, 8 blocks at most: the sparse blocks are read 8 at a time
        try (RangeReader reader = reader(chain.as(0).web3j(), 2)) {
            List<RangeReader.Range> ranges = readAll(reader);

            List<RangeReader.Range> dense = ranges.stream().filter(r -> r.to() >= denseFrom).toList();
            // only the reads asked for before the first dense range came back (two readers) can be too large
            assertThat(dense.stream().filter(r -> r.logs().size() > 4)).hasSizeLessThanOrEqualTo(3);
            assertThat(dense).hasSizeGreaterThan(DENSE_BLOCKS / 2);
            assertThat(dense.stream().flatMap(r -> r.logs().stream()).filter(l -> l.blockNumber() >= denseFrom))
                    .hasSize(2 * DENSE_BLOCKS);
            assertThat(ranges.get(ranges.size() - 1).to()).isEqualTo(head);
        }
    }

    private static List<RangeReader.Range> readAll(RangeReader reader) {
        List<RangeReader.Range> ranges = new ArrayList<>(List.of(reader.first(start, null, head, head).orElseThrow()));
        Optional<RangeReader.Range> next;
        while ((next = reader.following(ranges.get(ranges.size() - 1), head, head)).isPresent()) {
            ranges.add(next.get());
        }
        return ranges;
    }

    private static RangeReader reader() {
        return reader(chain.as(0).web3j());
    }

    private static RangeReader reader(Web3j web3j) {
        return reader(web3j, RangeReader.TARGET_EVENTS);
    }

    private static RangeReader reader(Web3j web3j, long targetEvents) {
        // ranges of at most 8 blocks: the 100 blocks take several, which the reader must hand over in order
        ChainProperties properties = new ChainProperties(null, Path.of("unused"), null, null, null, 0, false, 8,
                Duration.ofMillis(250), 1, Duration.ofMillis(100));
        MarketContracts market = new MarketContracts(chain.deployment.rpcUrl(), chain.deployment.chainId(),
                chain.deployment.registry(), chain.deployment.escrow(), start);
        ChainNode node = new ChainNode(web3j, properties.maxAttempts(), properties.maxBackoff());
        return new RangeReader(node, market, properties, targetEvents);
    }
}
