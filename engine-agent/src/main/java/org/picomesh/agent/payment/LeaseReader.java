package org.picomesh.agent.payment;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Reads many leases from the escrow in JSON-RPC batches of {@code lease(id)} calls, all at one block: a round trip
 * per {@value #MAX_BATCH} leases, not one per lease, and one consistent view.
 */
final class LeaseReader {
    /** Calls per batch: providers cap a batch's size (often at 100 to 1000). */
    static final int MAX_BATCH = 100;

    /** The leases as the escrow saw them at {@code block}. */
    record Leases(long block, Map<Long, LeaseEscrow.LeaseView> byId) {}

    private final Web3j web3j;
    private final LeaseEscrow escrow;

    LeaseReader(Web3j web3j, LeaseEscrow escrow) {
        this.web3j = web3j;
        this.escrow = escrow;
    }

    Leases read(List<Long> ids) throws IOException {
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        Map<Long, LeaseEscrow.LeaseView> byId = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            byId.putAll(batch(ids.subList(from, Math.min(ids.size(), from + MAX_BATCH)), block));
        }
        return new Leases(block, byId);
    }

    private Map<Long, LeaseEscrow.LeaseView> batch(List<Long> ids, long block) throws IOException {
        var at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        var batch = web3j.newBatch();
        Map<Long, Long> leaseByRequest = new HashMap<>();
        List<RemoteFunctionCall<LeaseEscrow.LeaseView>> calls = new ArrayList<>();
        for (long id : ids) {
            var call = escrow.lease(BigInteger.valueOf(id));
            var request = web3j.ethCall(Transaction.createEthCallTransaction(null, escrow.getContractAddress(),
                    call.encodeFunctionCall()), at);
            leaseByRequest.put(request.getId(), id);
            calls.add(call);
            batch.add(request);
        }
        Map<Long, LeaseEscrow.LeaseView> views = new HashMap<>();
        // a JSON-RPC batch may answer in any order: answers are matched to calls by their ids
        for (Response<?> response : batch.send().getResponses()) {
            Long id = leaseByRequest.get(response.getId());
            if (id == null || response.hasError()) {
                throw new IOException("reading lease " + id + " failed: "
                        + (response.hasError() ? response.getError().getMessage() : "an answer to no call"));
            }
            var call = calls.get(ids.indexOf(id));
            views.put(id, (LeaseEscrow.LeaseView) call.decodeFunctionResponse(((EthCall) response).getValue()).get(0));
        }
        if (views.size() != ids.size()) {
            throw new IOException("the node answered " + views.size() + " of " + ids.size() + " lease reads");
        }
        return views;
    }
}
