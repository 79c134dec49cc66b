package org.picomesh.contracts.follow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.events.MarketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads one range of blocks so that all its events are of one branch: the hash of its last block is read before
 * and after its logs, and the hash of the block before it in between, so the range and what it continues were on
 * the node's chain together. A range the node refuses as too large is read in halves (and the sizer told).
 */
final class RangeRead {
    private static final Logger log = LoggerFactory.getLogger(RangeRead.class);
    /** Below this, decoding on the caller's thread is cheaper than handing the work out. */
    private static final int PARALLEL_DECODE = 1_000;

    private final Node node;
    private final List<String> addresses;
    private final RangeSizer sizer;
    private final Function<List<MarketLog>, ?> prepare;

    RangeRead(Node node, List<String> addresses, RangeSizer sizer, Function<List<MarketLog>, ?> prepare) {
        this.node = node;
        this.addresses = addresses;
        this.sizer = sizer;
        this.prepare = prepare;
    }

    /** The range [from, to], or nothing when the chain moved while it was read. */
    Optional<Range> read(long from, long to) {
        Optional<ChainPosition> end = at(to);
        Optional<ChainPosition> before = from > 0 ? at(from - 1) : Optional.empty();
        if (end.isEmpty() || from > 0 && before.isEmpty()) {
            return Optional.empty();
        }
        List<Log> raw = logs(from, to);
        if (!end.equals(at(to)) || !sound(raw, from, end.get())) {
            return Optional.empty();
        }
        List<MarketLog> logs = decoded(raw);
        sizer.read(from, to, logs.size());
        log.debug("blocks {}..{}: {} events", from, to, logs.size());
        return Optional.of(new Range(from, end.get(), before, logs, prepare.apply(logs)));
    }

    private Optional<ChainPosition> at(long number) {
        return node.hashAt(number).map(hash -> new ChainPosition(number, hash));
    }

    /** The logs of [from, to], in halves (and halves of them) while the node refuses a range as too large. */
    private List<Log> logs(long from, long to) {
        try {
            return node.logs(addresses, from, to);
        } catch (Node.RangeRefused refused) {
            if (from == to) {
                RpcErrors.Failure failure = refused.failure();
                throw new ChainUnavailableException("eth_getLogs(block " + from + ")", 1, Duration.ZERO,
                        failure.code(), "the node refuses even a single block's logs: " + failure.describe(), refused);
            }
            long cap = sizer.refused(to - from + 1);
            log.warn("the node refused the logs of blocks {}..{} ({}): asking for at most {} from now on", from, to,
                    refused.getMessage(), cap == 1 ? "one block" : cap + " blocks");
            long middle = from + (to - from) / 2;
            List<Log> both = new ArrayList<>(logs(from, middle));
            both.addAll(logs(middle + 1, to));
            return both;
        }
    }

    /** Whether every log is of [from, end] on {@code end}'s branch, as far as the node's answer shows it. */
    private static boolean sound(List<Log> logs, long from, ChainPosition end) {
        for (Log raw : logs) {
            if (raw.isRemoved() || raw.getBlockHash() == null || raw.getBlockNumberRaw() == null) {
                return false;
            }
            long block = raw.getBlockNumber().longValueExact();
            if (block < from || block > end.number() || block == end.number()
                    && !raw.getBlockHash().equalsIgnoreCase(end.hash())) {
                return false;
            }
        }
        return true;
    }

    /** The market's events among the logs, in block and log order; logs of no market event are skipped. */
    private static List<MarketLog> decoded(List<Log> raw) {
        var logs = raw.size() < PARALLEL_DECODE ? raw.stream() : raw.parallelStream();
        List<MarketLog> decoded = new ArrayList<>(logs.map(RangeRead::decode).flatMap(Optional::stream).toList());
        decoded.sort(Comparator.comparingLong(MarketLog::blockNumber).thenComparingInt(MarketLog::logIndex));
        return decoded;
    }

    private static Optional<MarketLog> decode(Log raw) {
        Optional<MarketLog> decoded = EventDecoder.market().decode(raw);
        if (decoded.isEmpty()) {
            log.warn("a log of no market event in block {} (tx {}): skipped", raw.getBlockNumberRaw(),
                    raw.getTransactionHash());
        }
        return decoded;
    }
}
