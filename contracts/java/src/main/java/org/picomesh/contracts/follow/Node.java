package org.picomesh.contracts.follow;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** The requests the follower makes, each retried within the back-off's bounds. */
final class Node {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final Web3j web3j;
    private final Backoff backoff;
    private final Pause pause;

    /** The node refused a log range as too large: the caller asks for fewer blocks. */
    static final class RangeRefused extends Exception {
        private final RpcErrors.Failure failure;

        RangeRefused(RpcErrors.Failure failure) {
            super(failure.describe());
            this.failure = failure;
        }

        RpcErrors.Failure failure() {
            return failure;
        }
    }

    Node(Web3j web3j, Backoff backoff, Pause pause) {
        this.web3j = web3j;
        this.backoff = backoff;
        this.pause = pause;
    }

    long head() {
        return retried("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The hash of the node's block {@code number}, or nothing when the node has no such block. */
    Optional<String> hashAt(long number) {
        EthBlock answer = retried("eth_getBlockByNumber(" + number + ")",
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
        return Optional.ofNullable(answer.getBlock()).map(block -> block.getHash().toLowerCase(Locale.ROOT));
    }

    /**
     * The number of the node's finalized block, or nothing when it names none: a node that does not know the tag
     * answers with an error, which is not retried.
     */
    OptionalLong finalized() {
        EthBlock answer = retried("eth_getBlockByNumber(finalized)",
                web3j.ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false), OnError.ANSWER);
        return answer.hasError() || answer.getBlock() == null ? OptionalLong.empty()
                : OptionalLong.of(answer.getBlock().getNumber().longValueExact());
    }

    /** The logs of {@code addresses} in blocks [from, to]. */
    List<Log> logs(List<String> addresses, long from, long to) throws RangeRefused {
        EthFilter filter = new EthFilter(block(from), block(to), addresses);
        EthLog answer = send("eth_getLogs(blocks " + from + ".." + to + ")", web3j.ethGetLogs(filter),
                OnError.RANGED);
        return answer.getLogs().stream().map(result -> (Log) result.get()).toList();
    }

    /** What an error answer is to the caller: retried, a refused range when it may be one, or the answer. */
    private enum OnError { RETRIED, RANGED, ANSWER }

    private <T extends Response<?>> T retried(String request, Request<?, T> call) {
        return retried(request, call, OnError.RETRIED);
    }

    private <T extends Response<?>> T retried(String request, Request<?, T> call, OnError onError) {
        try {
            return send(request, call, onError);
        } catch (RangeRefused impossible) {
            throw new IllegalStateException("only log requests are refused for their range", impossible);
        }
    }

    /** Sends until answered, a bounded number of times; a refused range is the caller's to handle when it may be. */
    private <T extends Response<?>> T send(String request, Request<?, T> call, OnError onError) throws RangeRefused {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            RpcErrors.Failure failure;
            try {
                T answer = call.send();
                if (!answer.hasError() || onError == OnError.ANSWER) {
                    return answer;
                }
                failure = RpcErrors.of(answer.getError());
            } catch (IOException | ClientConnectionException e) {
                failure = RpcErrors.of(e);
            }
            if (onError == OnError.RANGED && failure.kind() == RpcErrors.Kind.RANGE_TOO_LARGE) {
                throw new RangeRefused(failure);
            }
            if (attempt >= backoff.attempts()) {
                throw new ChainUnavailableException(request, attempt, waited, failure.code(), failure.describe(),
                        failure.cause());
            }
            Duration delay = backoff.delay(attempt);
            log.debug("{} failed ({}, attempt {} of {}): {}; retrying in {} ms", request, failure.kind(), attempt,
                    backoff.attempts(), failure.describe(), delay.toMillis());
            waitBeforeRetry(request, attempt, waited, delay, failure);
            waited = waited.plus(delay);
        }
    }

    private void waitBeforeRetry(String request, int attempt, Duration waited, Duration delay,
            RpcErrors.Failure failure) {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException(request, attempt, waited, failure.code(),
                    "interrupted while backing off after " + failure.describe(), e);
        }
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }
}
