package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.contracts.LocalMarket.OPERATOR;
import static org.picomesh.contracts.LocalMarket.OTHER_OPERATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;

/**
 * The follower reading ahead on a real anvil, as the directory streams ranges into one transaction: ranges are
 * handed over one after the other to the head with every event in order, sized by the events they hold, and
 * what was read ahead of a reorganisation never passes for the new branch.
 */
class ReadAheadIT {
    private static final int DENSE_BLOCKS = 40;
    private static FollowedMarket chain;
    private static long start;
    /** The first of {@link #DENSE_BLOCKS} blocks that each hold a registration (two events). */
    private static long denseFrom;
    private static long head;

    @BeforeAll
    static void sixtyBlocksWithEnginesSpreadOverThemThenFortyWithOneEach() throws Exception {
        chain = new FollowedMarket();
        start = chain.market.deployment.deploymentBlock().longValueExact();
        for (int n = 1; n <= 6; n++) {
            chain.register(n % 2 == 0 ? OPERATOR : OTHER_OPERATOR, "https://engine-" + n + ".example", "1");
            chain.market.anvil.call("anvil_mine", "0x9");
        }
        denseFrom = chain.head() + 1;
        for (int n = 7; n < 7 + DENSE_BLOCKS; n++) {
            chain.register(n % 2 == 0 ? OPERATOR : OTHER_OPERATOR, "https://engine-" + n + ".example", "1");
        }
        head = chain.head();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void handsOverTheRangesReadAheadOneAfterTheOtherToTheHeadWithEveryEventInOrder() throws Exception {
        try (LogFollower follower = follower(5_000)) {
            List<Step.Events> ranges = streamToHead(follower);

            // nothing was read ahead: the first range is small, the next ones double up to the most (8 blocks)
            // (a range is sized by the latest read back when a reader is free for it, so a size may repeat once
            // while the range before it is still being read; it never more than doubles)
            List<Long> sizes = ranges.stream().map(r -> r.to().number() - r.from() + 1).toList();
            assertThat(sizes.subList(0, 3)).containsExactly(1L, 2L, 4L);
            assertThat(sizes.subList(0, 6)).contains(8L);
            assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1L, 8L));
            for (int n = 1; n < ranges.size(); n++) {
                assertThat(ranges.get(n).from()).isEqualTo(ranges.get(n - 1).to().number() + 1);
            }
            assertThat(ranges.get(ranges.size() - 1).to()).isEqualTo(chain.blockAt(head));
            List<MarketLog> logs = ranges.stream().flatMap(r -> r.logs().stream()).toList();
            assertThat(ranges.stream().flatMap(r -> r.events().stream()).toList()).isEqualTo(chain.eventsUpTo(head));
            assertThat(logs.stream().filter(l -> l.name().equals("EngineRegistered"))).hasSize(6 + DENSE_BLOCKS);
            assertThat(ranges).allSatisfy(r -> assertThat(r.prepared(Integer.class)).isEqualTo(r.logs().size()));
        }
    }

    @Test
    void sizesEachRangeAskedForByTheLatestReadSoThatADenserStretchIsReadInSmallerRanges() throws Exception {
        // aimed at one registration's two events, 8 blocks at most: the sparse blocks are read 8 at a time
        try (LogFollower follower = follower(2)) {
            List<Step.Events> ranges = streamToHead(follower);

            List<Step.Events> dense = ranges.stream().filter(r -> r.to().number() >= denseFrom).toList();
            // only the reads asked for before the first dense range came back (two readers) can be too large
            assertThat(dense.stream().filter(r -> r.logs().size() > 4)).hasSizeLessThanOrEqualTo(3);
            assertThat(dense).hasSizeGreaterThan(DENSE_BLOCKS / 2);
            assertThat(dense.stream().flatMap(r -> r.logs().stream()).filter(l -> l.blockNumber() >= denseFrom))
                    .hasSize(2 * DENSE_BLOCKS);
            assertThat(ranges.get(ranges.size() - 1).to().number()).isEqualTo(head);
        }
    }

    @Test
    void rangesReadAheadOfAReorganisationNeverPassForTheNewBranch() throws Exception {
        try (FollowedMarket reorganised = new FollowedMarket()) {
            for (int n = 1; n <= 6; n++) {
                reorganised.register(OPERATOR, "https://engine-" + n + ".example", "1");
            }
            long head = reorganised.head();
            long start = reorganised.market.deployment.deploymentBlock().longValueExact();
            assertThat(head - start).as("ten ranges of two blocks ahead reach the head").isLessThan(20);
            // each range's logs pass through here as a reader thread ends its read: the last registration's is
            // read once the read-ahead has reached the head
            CountDownLatch readToHead = new CountDownLatch(1);
            Ledger ledger = new Ledger(reorganised.web3j, reorganised.settings(0, 2)
                    .withReadAhead(new ReadAhead(2, 10, 0)), logs -> {
                        if (logs.stream().anyMatch(l -> l.blockNumber() == head)) {
                            readToHead.countDown();
                        }
                        return null;
                    });
            ledger.step(); // the first two blocks; the ranges after them are read ahead meanwhile
            assertThat(readToHead.await(30, TimeUnit.SECONDS)).as("the read-ahead reached the head").isTrue();

            reorganised.market.anvil.call("anvil_reorg", 3, List.of()); // the last three registrations are lost
            ledger.streamToHead();

            assertThat(ledger.checkpoint.orElseThrow()).isEqualTo(reorganised.blockAt(head));
            assertThat(ledger.events).isEqualTo(reorganised.eventsUpTo(head));
            assertThat(ledger.all(AdvertPublished.class)).extracting(AdvertPublished::endpoint).containsExactly(
                    "https://engine-1.example", "https://engine-2.example", "https://engine-3.example");
        }
    }

    private static List<Step.Events> streamToHead(LogFollower follower) {
        List<Step.Events> ranges = new ArrayList<>(List.of((Step.Events) follower.next(Optional.empty())));
        Optional<Step.Events> next;
        while ((next = follower.following(ranges.get(ranges.size() - 1))).isPresent()) {
            ranges.add(next.get());
        }
        return ranges;
    }

    /** Two readers, ten ranges ahead, ranges of at most 8 blocks aimed at {@code targetEvents}. */
    private static LogFollower follower(long targetEvents) {
        FollowSettings settings = chain.settings(0, 8).withReadAhead(new ReadAhead(2, 10, targetEvents));
        return new LogFollower(chain.web3j, settings, number -> Optional.empty(), List::size);
    }
}
