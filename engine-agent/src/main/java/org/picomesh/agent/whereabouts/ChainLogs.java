package org.picomesh.agent.whereabouts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * A contract's events, newest first: windows of {@link #WINDOW} blocks (nodes cap a log query's range) from the head
 * back to the deployment block, at most {@link #MAX_WINDOWS} of them, stopping at the first event accepted.
 */
final class ChainLogs {
    static final long WINDOW = 10_000;
    static final int MAX_WINDOWS = 500;

    private final Web3j web3j;
    private final long firstBlock;

    ChainLogs(Web3j web3j, long firstBlock) {
        this.web3j = web3j;
        this.firstBlock = firstBlock;
    }

    /** The newest event of {@code contract} with these topics (null: any) that {@code accept} takes. */
    Optional<Log> newest(String contract, List<String> topics, long head, Predicate<Log> accept) throws IOException {
        long to = head;
        for (int window = 0; window < MAX_WINDOWS && to >= firstBlock; window++) {
            long from = Math.max(firstBlock, to - WINDOW + 1);
            EthFilter filter = new EthFilter(block(from), block(to), contract);
            topics.forEach(topic -> {
                if (topic == null) {
                    filter.addNullTopic();
                } else {
                    filter.addSingleTopic(topic);
                }
            });
            EthLog answer = web3j.ethGetLogs(filter).send();
            if (answer.hasError()) {
                throw new IOException("reading events of blocks " + from + "-" + to + ": "
                        + answer.getError().getMessage());
            }
            List<EthLog.LogResult> logs = answer.getLogs();
            for (int i = logs.size() - 1; i >= 0; i--) {
                Log log = (Log) logs.get(i).get();
                if (accept.test(log)) {
                    return Optional.of(log);
                }
            }
            to = from - 1;
        }
        return Optional.empty();
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }
}
