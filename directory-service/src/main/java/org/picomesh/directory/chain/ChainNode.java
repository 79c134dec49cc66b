package org.picomesh.directory.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The chain node as the indexer needs it: every request retried a bounded number of times with back-off,
 * and log ranges shrunk when the node refuses one as too large.
 */
public class ChainNode {
    private static final Logger log = LoggerFactory.getLogger(ChainNode.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final Web3j web3j;
    private final int maxAttempts;
    private final Duration maxBackoff;
    private volatile boolean reachable = true;

    public ChainNode(Web3j web3j, int maxAttempts, Duration maxBackoff) {
        this.web3j = web3j;
        this.maxAttempts = maxAttempts;
        this.maxBackoff = maxBackoff;
    }

    /** Whether the last request got an answer. */
    public boolean reachable() {
        return reachable;
    }

    public long headNumber() {
        return retry("eth_blockNumber", () -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
    }

    public Optional<BlockHeader> header(long number) {
        return header(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), "eth_getBlockByNumber(" + number + ")");
    }

    /** The node's finalized block, when it knows one. */
    public Optional<BlockHeader> finalized() {
        try {
            return header(DefaultBlockParameterName.FINALIZED, "eth_getBlockByNumber(finalized)");
        } catch (RpcError e) {
            return Optional.empty();
        }
    }

    /**
     * The logs of the given contracts in [from, to], fetched in ranges of at most {@code maxRange} blocks and
     * halving a range the node refuses (down to a single block).
     */
    public List<Log> logs(List<String> addresses, long from, long to) {
        EthFilter filter = new EthFilter(block(from), block(to), addresses);
        try {
            return retry("eth_getLogs(" + from + ".." + to + ")", () -> fetchLogs(filter));
        } catch (RpcError refused) {
            if (from == to) {
                throw refused;
            }
            long middle = from + (to - from) / 2;
            log.debug("node refused logs {}..{} ({}); splitting the range", from, to, refused.getMessage());
            List<Log> first = logs(addresses, from, middle);
            List<Log> second = logs(addresses, middle + 1, to);
            return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
        }
    }

    private List<Log> fetchLogs(EthFilter filter) throws IOException {
        EthLog response = web3j.ethGetLogs(filter).send();
        check(response);
        return response.getLogs().stream().map(result -> (Log) result.get()).toList();
    }

    private Optional<BlockHeader> header(DefaultBlockParameter which, String request) {
        return retry(request, () -> {
            EthBlock response = web3j.ethGetBlockByNumber(which, false).send();
            check(response);
            EthBlock.Block block = response.getBlock();
            return block == null ? Optional.<BlockHeader>empty()
                    : Optional.of(new BlockHeader(block.getNumber().longValueExact(), block.getHash(), block.getParentHash()));
        });
    }

    private static void check(Response<?> response) {
        if (response.hasError()) {
            throw new RpcError(response.getError().getCode(), response.getError().getMessage());
        }
    }

    /** Retries transport failures; an RPC error answer is final and thrown at once. */
    private <T> T retry(String request, Callable<T> call) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.call();
                reachable = true;
                return result;
            } catch (RpcError e) {
                reachable = true;
                throw e;
            } catch (Exception e) {
                if (attempt >= maxAttempts) {
                    reachable = false;
                    throw new NodeUnavailableException(request, attempt, e);
                }
                log.debug("{} failed (attempt {}/{}): {}", request, attempt, maxAttempts, e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** The node answered with a JSON-RPC error (not a transport failure). */
    public static final class RpcError extends RuntimeException {
        private final int code;

        RpcError(int code, String message) {
            super("RPC error " + code + ": " + message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
