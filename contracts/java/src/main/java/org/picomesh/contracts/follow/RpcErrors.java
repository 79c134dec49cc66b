package org.picomesh.contracts.follow;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;

/**
 * Sorts what a node answered instead of a result: a rate limit (wait longer), a log range it will not serve
 * (ask for fewer blocks), or any other failure (retry a bounded number of times). Providers differ, so both codes
 * and messages are read.
 */
final class RpcErrors {
    /** How web3j's HttpService reports a non-2xx HTTP answer. */
    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");
    /** JSON-RPC "limit exceeded" (EIP-1474): rate limits, and for some providers a log query's size. */
    static final int LIMIT_EXCEEDED = -32005;

    /**
     * How providers word a log query too big to serve: Infura, Alchemy, QuickNode, Ankr, Besu, Reth, Erigon
     * ("query returned more than 10000 results", "Log response size exceeded", "eth_getLogs is limited to a 10,000
     * range", "block range is too wide", "exceeds maximum range limit", "query exceeds max block range").
     */
    private static final List<String> RANGE_WORDS = List.of("block range", "too many results",
            "query returned more than", "response size exceeded", "is limited to", "range is too", "maximum range",
            "range limit", "max results");

    enum Kind { RATE_LIMITED, RANGE_TOO_LARGE, FAILED }

    /**
     * One failed request, classified.
     *
     * @param code the JSON-RPC error code, or null when the request failed without a JSON-RPC answer
     */
    record Failure(Kind kind, Integer code, String message, Throwable cause) {
        String describe() {
            return (code == null ? "" : "RPC error " + code + ": ") + message;
        }
    }

    private RpcErrors() {}

    /** An error answer: providers refuse big log queries with -32005, -32602, -32614 or -32000; the message tells. */
    static Failure of(Response.Error error) {
        int code = error.getCode();
        String message = String.valueOf(error.getMessage());
        return new Failure(classify(code, message), code, message, null);
    }

    static Kind classify(int code, String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (RANGE_WORDS.stream().anyMatch(text::contains)) {
            return Kind.RANGE_TOO_LARGE;
        }
        if (code == LIMIT_EXCEEDED || code == 429 || rateLimitWords(text)) {
            return Kind.RATE_LIMITED;
        }
        return Kind.FAILED;
    }

    /** A failure without an answer: HTTP 429 is a rate limit, anything else (refused, reset, 5xx) a failure. */
    static Failure of(Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher status = HTTP_STATUS.matcher(message);
        boolean tooMany = status.find() && status.group(1).equals("429");
        return new Failure(tooMany ? Kind.RATE_LIMITED : Kind.FAILED, null, e.getClass().getSimpleName() + ": " + message, e);
    }

    private static boolean rateLimitWords(String text) {
        return text.contains("rate limit") || text.contains("rate-limit") || text.contains("too many requests");
    }
}
