package org.picomesh.contracts.follow;

import io.reactivex.Flowable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.websocket.events.Notification;
import org.web3j.utils.Numeric;

/**
 * A scripted node for what a local anvil never does: refuse log ranges, rate-limit, fail. Its chain has no logs;
 * block n's hash is n in hex. Failures queued for a method are answered, in order, instead of results.
 */
final class FakeNode implements Web3jService {
    long head = 1_000;
    /** Log queries spanning more blocks than this are refused, in Infura's words. */
    long maxLogBlocks = Long.MAX_VALUE;
    /** Every request, as "method from..to" for eth_getLogs and the method name otherwise. */
    final List<String> requests = new ArrayList<>();
    private final Map<String, Deque<Object>> failures = new HashMap<>();
    private final Map<String, Object> alwaysFailing = new HashMap<>();

    /** The next answers to {@code method}: {@link Response.Error}s, or exceptions to throw. */
    void failNext(String method, Object... answers) {
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    void failAlways(String method, Object answer) {
        alwaysFailing.put(method, answer);
    }

    static String hash(long number) {
        return String.format("0x%064x", number);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public <T extends Response> T send(Request request, Class<T> type) throws IOException {
        String method = request.getMethod();
        Object failure = failures.getOrDefault(method, new ArrayDeque<>()).poll();
        failure = failure == null ? alwaysFailing.get(method) : failure;
        if (method.equals("eth_getLogs")) {
            long[] range = range((EthFilter) request.getParams().get(0));
            requests.add(method + " " + range[0] + ".." + range[1]);
        } else {
            requests.add(method);
        }
        if (failure instanceof IOException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        }
        Response response = switch (method) {
            case "eth_blockNumber" -> answer(new EthBlockNumber(), Numeric.encodeQuantity(java.math.BigInteger.valueOf(head)));
            case "eth_getBlockByNumber" -> answer(new EthBlock(), block(Numeric.decodeQuantity(
                    (String) request.getParams().get(0)).longValueExact()));
            case "eth_getLogs" -> logs((EthFilter) request.getParams().get(0));
            default -> throw new UnsupportedOperationException(method);
        };
        if (failure instanceof Response.Error error) {
            response.setResult(null);
            response.setError(error);
        }
        return type.cast(response);
    }

    private Response<?> logs(EthFilter filter) {
        long[] range = range(filter);
        if (range[1] - range[0] + 1 > maxLogBlocks) {
            EthLog refused = new EthLog();
            refused.setError(new Response.Error(-32005, "query returned more than 10000 results"));
            return refused;
        }
        return answer(new EthLog(), List.of());
    }

    private static long[] range(EthFilter filter) {
        return new long[] {Numeric.decodeQuantity(filter.getFromBlock().getValue()).longValueExact(),
                Numeric.decodeQuantity(filter.getToBlock().getValue()).longValueExact()};
    }

    private EthBlock.Block block(long number) {
        if (number > head) {
            return null;
        }
        EthBlock.Block block = new EthBlock.Block();
        block.setNumber(Numeric.encodeQuantity(java.math.BigInteger.valueOf(number)));
        block.setHash(hash(number));
        return block;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static <R extends Response> R answer(R response, Object result) {
        response.setResult(result);
        return response;
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BatchResponse sendBatch(BatchRequest requests) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest requests) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
