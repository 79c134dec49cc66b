package org.picomesh.contracts.follow;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The chain node did not give an answer the follower could use within its bounds: it failed, kept rate-limiting,
 * refused even a single block's logs, or kept reorganising under the reads. Says what was asked, how often and
 * how long was waited, and the node's last JSON-RPC error code when it answered with one.
 */
public class ChainUnavailableException extends RuntimeException {
    private final String request;
    private final int attempts;
    private final Duration waited;
    private final Integer rpcCode;

    public ChainUnavailableException(String request, int attempts, Duration waited, Integer rpcCode, String lastError,
            Throwable cause) {
        super(request + " gave no usable answer after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " over " + waited.toMillis() + " ms of back-off; last: " + lastError, cause);
        this.request = request;
        this.attempts = attempts;
        this.waited = waited;
        this.rpcCode = rpcCode;
    }

    /** What was asked of the node, such as {@code eth_getLogs(blocks 100..199)}. */
    public String request() {
        return request;
    }

    public int attempts() {
        return attempts;
    }

    /** The time spent backing off between attempts. */
    public Duration waited() {
        return waited;
    }

    /** The JSON-RPC error code of the node's last answer, if it answered with an error rather than failing. */
    public OptionalInt rpcCode() {
        return rpcCode == null ? OptionalInt.empty() : OptionalInt.of(rpcCode);
    }
}
