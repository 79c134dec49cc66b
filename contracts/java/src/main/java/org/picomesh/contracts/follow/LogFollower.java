package org.picomesh.contracts.follow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.picomesh.contracts.events.MarketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * Follows the market's events through reorganisations, one {@link #next step} at a time. It keeps no state but the
 * size of its log range and what it read ahead: the caller keeps the checkpoint and the hashes of the blocks named
 * in each {@link Step.Events}, in the same transaction as what it does with the events, and hands them back (the
 * checkpoint to {@link #next}, the hashes through {@code knownHashes}). A caller that streams many ranges into one
 * transaction takes each after the first with {@link #following}. One caller at a time.
 */
public final class LogFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    private final Node node;
    private final FollowSettings settings;
    private final Function<Long, Optional<String>> knownHashes;
    private final RangeSizer sizer;
    private final Pipeline pipeline;
    /** The head the last {@link #next} saw, for the ranges {@link #following} hands out. */
    private volatile long head;

    /**
     * @param knownHashes the hash the caller stored for a block number, if it stored one (read only to find the
     *     common ancestor after a reorganisation)
     */
    public LogFollower(Web3j web3j, FollowSettings settings, Function<Long, Optional<String>> knownHashes) {
        this(web3j, settings, knownHashes, logs -> null);
    }

    /**
     * @param prepare what to make of each range's logs on the thread that read them, for the caller to take from
     *     {@link Step.Events#prepared(Class)} (with read-ahead, work done while the caller writes other ranges)
     */
    public LogFollower(Web3j web3j, FollowSettings settings, Function<Long, Optional<String>> knownHashes,
            Function<List<MarketLog>, ?> prepare) {
        this(web3j, settings, knownHashes, prepare, Pause.SLEEP);
    }

    LogFollower(Web3j web3j, FollowSettings settings, Function<Long, Optional<String>> knownHashes,
            Function<List<MarketLog>, ?> prepare, Pause pause) {
        this.node = new Node(web3j, settings.backoff(), pause);
        this.settings = settings;
        this.knownHashes = knownHashes;
        this.sizer = new RangeSizer(settings.maxRange(), settings.readAhead().targetEvents());
        this.pipeline = new Pipeline(new RangeRead(node, settings.addresses(), sizer, prepare), sizer,
                settings.readAhead());
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

    /**
     * The events of the range after {@code previous}, when it is read ahead (waiting for it while it is read) or,
     * without read-ahead, read now: for a caller that applies several ranges in one transaction. Nothing when
     * {@code previous} reached the confirmed head of the last {@link #next}, when the chain moved, or when the
     * read failed: the caller then ends its transaction, and its next {@link #next} finds out which.
     */
    public Optional<Step.Events> following(Step.Events previous) {
        return pipeline.following(previous.to()).map(range -> events(range, head));
    }

    /** Blocks the next eth_getLogs asks for at most. */
    public long range() {
        return sizer.cap();
    }

    /**
     * The number of the node's finalized block, or nothing when it names none: for a caller that counts events
     * as confirmed by finality rather than by depth.
     *
     * @throws ChainUnavailableException when the node gave no answer within the back-off's bounds
     */
    public OptionalLong finalizedBlock() {
        return node.finalized();
    }

    /** Stops the threads that read ahead, if any. */
    @Override
    public void close() {
        pipeline.close();
    }

    /** A step, or nothing when the chain moved while it was read (then it is read again). */
    private Optional<Step> attempt(Optional<ChainPosition> after) {
        long head = node.head();
        this.head = head;
        if (after.isPresent() && !onChain(after.get())) {
            pipeline.forget();
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
        return pipeline.first(from, after, confirmed).map(range -> events(range, head));
    }

    /** The range as the caller takes it: its events and the blocks whose hashes it keeps. */
    private static Step.Events events(Range range, long head) {
        Map<Long, String> blocks = new TreeMap<>();
        range.logs().forEach(event -> blocks.put(event.blockNumber(), event.blockHash()));
        blocks.put(range.end().number(), range.end().hash());
        return new Step.Events(range.from(), range.end(), range.logs(),
                blocks.entrySet().stream().map(b -> new ChainPosition(b.getKey(), b.getValue())).toList(), head,
                range.prepared());
    }

    private boolean onChain(ChainPosition block) {
        return node.hashAt(block.number()).filter(block.hash()::equals).isPresent();
    }
}
