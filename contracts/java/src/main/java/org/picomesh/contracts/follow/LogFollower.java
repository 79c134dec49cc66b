package org.picomesh.contracts.follow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.events.MarketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the market's events through reorganisations, one {@link #next step} at a time. It keeps no state but the
 * size of its log range: the caller keeps the checkpoint and the hashes of the blocks named in each
 * {@link Step.Events}, in the same transaction as what it does with the events, and hands them back (the checkpoint
 * to {@link #next}, the hashes through {@code knownHashes}). One caller at a time.
 */
public final class LogFollower {
    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    private final Node node;
    private final FollowSettings settings;
    private final Function<Long, Optional<String>> knownHashes;
    /** Blocks one eth_getLogs asks for: the settings' maximum, halved whenever the node refuses a range. */
    private volatile long range;

    /**
     * @param knownHashes the hash the caller stored for a block number, if it stored one (read only to find the
     *     common ancestor after a reorganisation)
     */
    public LogFollower(Web3j web3j, FollowSettings settings, Function<Long, Optional<String>> knownHashes) {
        this(web3j, settings, knownHashes, Pause.SLEEP);
    }

    LogFollower(Web3j web3j, FollowSettings settings, Function<Long, Optional<String>> knownHashes, Pause pause) {
        this.node = new Node(web3j, settings.backoff(), pause);
        this.settings = settings;
        this.knownHashes = knownHashes;
        this.range = settings.maxRange();
    }

    /**
     * The next step after the caller's checkpoint ({@code after}; empty to start at the start block): a
     * {@link Step.Rewind} when the checkpoint left the chain, else the {@link Step.Events} of the next confirmed
     * range, else {@link Step.AtHead}.
     *
     * @throws ChainUnavailableException when the node gave no usable answer within the back-off's bounds
     * @throws ReorgTooDeepException when no block the caller stored within the depth bound is on the chain
     */
    public Step next(Optional<ChainPosition> after) {
        int attempts = settings.backoff().attempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Optional<Step> step = attempt(after);
            if (step.isPresent()) {
                return step.get();
            }
            log.info("the chain moved while its logs were read after {}: reading again", after.map(Object::toString)
                    .orElse("the start"));
        }
        throw new ChainUnavailableException("a consistent read after " + after.map(Object::toString).orElse("the start"),
                attempts, Duration.ZERO, null, "the chain moved under every read", null);
    }

    /** Blocks the next eth_getLogs asks for at most. */
    public long range() {
        return range;
    }

    /** A step, or nothing when the chain moved while it was read (then it is read again). */
    private Optional<Step> attempt(Optional<ChainPosition> after) {
        long head = node.head();
        if (after.isPresent() && !onChain(after.get())) {
            ChainPosition ancestor = CommonAncestor.below(after.get(), node, knownHashes, settings.startBlock(),
                    settings.maxReorgDepth());
            log.info("block {} ({}) left the chain: rewinding to block {} ({})", after.get().number(),
                    after.get().hash(), ancestor.number(), ancestor.hash());
            return Optional.of(new Step.Rewind(ancestor));
        }
        long from = after.map(p -> p.number() + 1).orElse(settings.startBlock());
        long confirmed = head - settings.confirmations();
        if (from > confirmed) {
            return Optional.of(new Step.AtHead(head));
        }
        return read(from, confirmed, after).map(Step.class::cast);
    }

    /**
     * The events of the next range, or nothing when the chain moved meanwhile. Block {@code to} is on the chain
     * before and after its logs are read, and so is the checkpoint: both ends of the range are on one branch.
     */
    private Optional<Step.Events> read(long from, long confirmed, Optional<ChainPosition> after) {
        while (true) {
            long to = Math.min(confirmed, from + range - 1);
            Optional<ChainPosition> end = node.hashAt(to).map(hash -> new ChainPosition(to, hash));
            if (end.isEmpty()) {
                return Optional.empty();
            }
            List<Log> logs;
            try {
                logs = node.logs(settings.addresses(), from, to);
            } catch (Node.RangeRefused refused) {
                shrink(from, to, refused);
                continue;
            }
            if (!onChain(end.get()) || after.isPresent() && !onChain(after.get())) {
                return Optional.empty();
            }
            return located(logs, from, end.get()).map(events -> events(from, end.get(), events));
        }
    }

    /** Halves the range after the node refused [from, to]: for this read and the follower's next ones. */
    private void shrink(long from, long to, Node.RangeRefused refused) {
        long refusedBlocks = to - from + 1;
        if (refusedBlocks == 1) {
            RpcErrors.Failure failure = refused.failure();
            throw new ChainUnavailableException("eth_getLogs(block " + from + ")", 1, Duration.ZERO,
                    failure.code(), "the node refuses even a single block's logs: " + failure.describe(), refused);
        }
        range = Math.max(1, refusedBlocks / 2);
        log.warn("the node refused the logs of blocks {}..{} ({}): asking for at most {} from now on", from, to,
                refused.getMessage(), range == 1 ? "one block" : range + " blocks");
    }

    /** The logs as typed events in block and log order, or nothing when they are not all of {@code end}'s branch. */
    private static Optional<List<Located<MarketEvent>>> located(List<Log> logs, long from, ChainPosition end) {
        List<Located<MarketEvent>> events = new ArrayList<>();
        for (Log raw : logs) {
            if (raw.isRemoved() || raw.getBlockHash() == null) {
                return Optional.empty();
            }
            Optional<MarketLog> decoded = EventDecoder.market().decode(raw);
            if (decoded.isEmpty()) {
                log.warn("a log of no market event in block {} (tx {}): skipped", raw.getBlockNumberRaw(),
                        raw.getTransactionHash());
                continue;
            }
            Located<MarketEvent> event = MarketEvents.from(decoded.get());
            boolean outside = event.blockNumber() < from || event.blockNumber() > end.number();
            if (outside || event.blockNumber() == end.number() && !event.block().equals(end)) {
                return Optional.empty();
            }
            events.add(event);
        }
        events.sort(Comparator.comparingLong((Located<MarketEvent> e) -> e.blockNumber())
                .thenComparingInt(Located::logIndex));
        return Optional.of(events);
    }

    private static Step.Events events(long from, ChainPosition end, List<Located<MarketEvent>> events) {
        Map<Long, String> blocks = new TreeMap<>();
        events.forEach(event -> blocks.put(event.blockNumber(), event.block().hash()));
        blocks.put(end.number(), end.hash());
        log.debug("blocks {}..{}: {} events", from, end.number(), events.size());
        return new Step.Events(from, end,
                events, blocks.entrySet().stream().map(b -> new ChainPosition(b.getKey(), b.getValue())).toList());
    }

    private boolean onChain(ChainPosition block) {
        return node.hashAt(block.number()).filter(block.hash()::equals).isPresent();
    }
}
