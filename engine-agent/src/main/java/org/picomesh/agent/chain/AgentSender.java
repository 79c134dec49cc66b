package org.picomesh.agent.chain;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The one sender of the daemon's key: every transaction the daemon makes (answers, claims, adverts, moves) goes
 * through it, from any thread. Nonces are handed out one at a time from the node's pending count, under a lock, so
 * concurrent sends never share one and a nonce a dropped transaction left free is taken again; the waits for the
 * receipts run side by side. A transaction left unmined is replaced with the same nonce at a higher gas price
 * ({@link ReceiptWait}). The key signs locally and is never logged.
 */
public final class AgentSender {
    private static final Logger log = LoggerFactory.getLogger(AgentSender.class);
    /** Reads of the pending count per send when the node says the nonce was taken meanwhile. */
    private static final int NONCE_ATTEMPTS = 3;
    /** Intents whose last hashes are kept to refuse a second copy while the first is pending. */
    private static final int REMEMBERED = 1_024;

    private final Credentials credentials;
    private final long chainId;
    private final SenderNode node;
    private final GasPrices gas;
    private final ReceiptWait wait;
    private final SenderMetrics metrics;
    private final Object nonceLock = new Object();
    private final Map<String, List<String>> lastHashes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED;
        }
    };

    public AgentSender(Web3j web3j, Credentials credentials, long chainId, SenderProperties settings, Duration poll,
            MeterRegistry meters) {
        this.credentials = credentials;
        this.chainId = chainId;
        this.node = new SenderNode(web3j, credentials.getAddress());
        this.gas = new GasPrices(web3j, settings.maxGasPrice());
        this.metrics = new SenderMetrics(meters);
        this.wait = new ReceiptWait(node, gas, settings, poll, metrics, this::sign, this::remember);
    }

    /**
     * Sends {@code tx} and waits, within bounds, until it is mined.
     *
     * @return its receipt, status successful
     * @throws TransactionFailed.Reverted the contract refused, at the estimate (nothing sent) or once mined
     * @throws TransactionFailed.NotMined not mined within the wait and the bumps allowed
     * @throws TransactionFailed.Refused the node refused it or did not answer
     * @throws TransactionFailed.StillPending the same intent's earlier transaction is still in the pool
     */
    public TransactionReceipt send(Outgoing tx) throws TransactionFailed {
        refuseIfPending(tx);
        Broadcast broadcast = first(tx, node.gasLimit(tx), gas.now());
        metrics.sent(tx.purpose());
        log.info("{}: sent {} (nonce {}, gas price {} wei)", tx.key(), broadcast.lastHash(), broadcast.nonce,
                broadcast.price());
        return wait.mined(broadcast);
    }

    /** The address the daemon's transactions come from. */
    public String address() {
        return node.from();
    }

    private Broadcast first(Outgoing tx, BigInteger gasLimit, BigInteger price) throws TransactionFailed {
        synchronized (nonceLock) {
            forget(tx);
            for (int attempt = 1; ; attempt++) {
                Broadcast broadcast = new Broadcast(tx, node.pendingNonce(), gasLimit);
                Broadcast.Signed signed = sign(broadcast, price);
                remember(broadcast, signed.hash());
                Optional<Response.Error> refused = submit(signed);
                NodeReplies reply = refused.map(NodeReplies::of).orElse(NodeReplies.ALREADY_KNOWN);
                if (reply == NodeReplies.ALREADY_KNOWN) {
                    broadcast.sent(signed);
                    return broadcast;
                }
                boolean nonceTaken = reply == NodeReplies.NONCE_USED || reply == NodeReplies.UNDERPRICED;
                if (!nonceTaken || attempt == NONCE_ATTEMPTS) {
                    forget(tx);
                    metrics.failed(tx.purpose(), "refused");
                    throw new TransactionFailed.Refused(refused.get().getCode(), refused.get().getMessage());
                }
                log.info("{}: nonce {} was taken meanwhile, reading the pending count again", tx.key(),
                        broadcast.nonce);
            }
        }
    }

    private Optional<Response.Error> submit(Broadcast.Signed signed) throws TransactionFailed.Refused {
        try {
            return node.submit(signed.raw());
        } catch (IOException e) {
            // it may have reached the pool: its hash stays remembered, so the same intent is not sent twice
            throw new TransactionFailed.Refused(null, "the node did not answer (tx " + signed.hash() + "): "
                    + e.getMessage());
        }
    }

    private void refuseIfPending(Outgoing tx) throws TransactionFailed {
        List<String> hashes;
        synchronized (lastHashes) {
            hashes = lastHashes.getOrDefault(tx.key(), List.of());
        }
        for (String hash : hashes) {
            if (node.pending(hash)) {
                throw new TransactionFailed.StillPending(hash);
            }
        }
    }

    private Broadcast.Signed sign(Broadcast broadcast, BigInteger price) {
        return broadcast.sign(price, credentials, chainId);
    }

    private void remember(Broadcast broadcast, String hash) {
        synchronized (lastHashes) {
            List<String> known = lastHashes.getOrDefault(broadcast.tx.key(), List.of());
            lastHashes.put(broadcast.tx.key(), Stream.concat(known.stream(), Stream.of(hash)).toList());
        }
    }

    private void forget(Outgoing tx) {
        synchronized (lastHashes) {
            lastHashes.remove(tx.key());
        }
    }
}
