package org.picomesh.agent.operator;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.events.EventDecoder;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.picomesh.contracts.follow.MarketEvents;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One engine's events of one kind, typed, from the market's deployment block to the head: {@code eth_getLogs}
 * filtered by the event's topic and the engine's id among its indexed arguments, in ranges that halve when the
 * node refuses one (a bounded number of times).
 */
final class EngineLogs {
    private static final long FIRST_SPAN = 50_000;
    private static final long SMALLEST_SPAN = 100;

    private final Web3j web3j;
    private final long fromBlock;

    EngineLogs(Web3j web3j, BigInteger deploymentBlock) {
        this.web3j = web3j;
        this.fromBlock = deploymentBlock.longValueExact();
    }

    /**
     * @param contract the registry's or the escrow's address
     * @param event the event, from the contract's generated wrapper
     * @param engineTopic which topic holds the engine id (1 for the first indexed argument)
     */
    <E extends MarketEvent> List<Located<E>> find(String contract, Event event, int engineTopic, long engineId,
            Class<E> kind) throws IOException {
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Located<E>> found = new ArrayList<>();
        long span = FIRST_SPAN;
        for (long from = fromBlock; from <= head; ) {
            long to = Math.min(head, from + span - 1);
            EthLog answer = web3j.ethGetLogs(filter(contract, event, engineTopic, engineId, from, to)).send();
            if (answer.hasError()) {
                if (span <= SMALLEST_SPAN) {
                    Response.Error error = answer.getError();
                    throw new AgentException("the node refused the logs of blocks " + from + " to " + to
                            + " (RPC error " + error.getCode() + ": " + error.getMessage() + ")");
                }
                span = Math.max(SMALLEST_SPAN, span / 2);
                continue;
            }
            for (EthLog.LogResult<?> result : answer.getLogs()) {
                typed((Log) result.get(), kind).ifPresent(found::add);
            }
            from = to + 1;
        }
        return found;
    }

    private static <E extends MarketEvent> Optional<Located<E>> typed(Log log, Class<E> kind) {
        return EventDecoder.market().decode(log).map(MarketEvents::from).flatMap(located -> located.as(kind));
    }

    private static EthFilter filter(String contract, Event event, int engineTopic, long engineId, long from, long to) {
        EthFilter filter = new EthFilter(block(from), block(to), contract);
        filter.addSingleTopic(EventEncoder.encode(event));
        for (int topic = 1; topic < engineTopic; topic++) {
            filter.addNullTopic();
        }
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(engineId), 64));
        return filter;
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }
}
