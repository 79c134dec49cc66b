package org.picomesh.agent.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for one nonce's transaction to be mined, within {@code receipt-timeout}. Left unmined for {@code bump-after},
 * it is signed again with the same nonce and a higher gas price, at most {@code max-bumps} times: the node keeps one
 * of the copies, so whichever is mined, it is mined once. A transaction the node no longer knows at all (a
 * reorganisation dropped its block, or the pool evicted it) fails at once as not mined: the caller decides again
 * from the chain as it now is (the advert, the answer or the claim may no longer be due), instead of holding the
 * agent's one scheduler thread (and with it the follower that would see the reorganisation) for {@code bump-after}.
 */
final class ReceiptWait {
    private static final Logger log = LoggerFactory.getLogger(ReceiptWait.class);
    /** Polls in a row in which the node knew none of the copies before the transaction counts as dropped. */
    private static final int DROPPED_AFTER_POLLS = 3;

    private final SenderNode node;
    private final GasPrices gas;
    private final SenderProperties settings;
    private final Duration poll;
    private final SenderMetrics metrics;
    private final BiFunction<Broadcast, BigInteger, Broadcast.Signed> signer;
    private final BiConsumer<Broadcast, String> remember;

    ReceiptWait(SenderNode node, GasPrices gas, SenderProperties settings, Duration poll, SenderMetrics metrics,
            BiFunction<Broadcast, BigInteger, Broadcast.Signed> signer, BiConsumer<Broadcast, String> remember) {
        this.node = node;
        this.gas = gas;
        this.settings = settings;
        this.poll = poll;
        this.metrics = metrics;
        this.signer = signer;
        this.remember = remember;
    }

    TransactionReceipt mined(Broadcast broadcast) throws TransactionFailed {
        long deadline = System.nanoTime() + settings.receiptTimeout().toNanos();
        int unknown = 0;
        while (true) {
            Optional<TransactionReceipt> receipt = receiptOfAny(broadcast);
            if (receipt.isPresent()) {
                return succeeded(broadcast, receipt.get());
            }
            unknown = broadcast.hashes().stream().anyMatch(node::known) ? 0 : unknown + 1;
            if (unknown >= DROPPED_AFTER_POLLS) {
                throw notMined(broadcast, "the node no longer knows it (a reorganisation dropped it, or its pool "
                        + "evicted it); it will be decided again from the chain");
            }
            if (System.nanoTime() > deadline) {
                throw notMined(broadcast, "waited " + settings.receiptTimeout().toSeconds() + " s, "
                        + broadcast.bumps() + " gas price bump(s)");
            }
            if (broadcast.mayBump(settings.maxBumps(), settings.bumpAfter().toNanos()) && !bump(broadcast)) {
                throw notMined(broadcast, "its nonce was used by another transaction");
            }
            sleep();
        }
    }

    private TransactionFailed.NotMined notMined(Broadcast broadcast, String why) {
        metrics.failed(broadcast.tx.purpose(), "not-mined");
        return new TransactionFailed.NotMined(broadcast.lastHash(), broadcast.nonce, why);
    }

    private Optional<TransactionReceipt> receiptOfAny(Broadcast broadcast) {
        for (String hash : broadcast.hashes()) {
            Optional<TransactionReceipt> receipt = node.receipt(hash);
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    private TransactionReceipt succeeded(Broadcast broadcast, TransactionReceipt receipt) throws TransactionFailed {
        if (receipt.isStatusOK()) {
            log.info("{}: mined {} in block {} (gas {})", broadcast.tx.key(), receipt.getTransactionHash(),
                    receipt.getBlockNumber(), receipt.getGasUsed());
            return receipt;
        }
        metrics.reverted(broadcast.tx.purpose());
        throw new TransactionFailed.Reverted(node.whyReverted(broadcast.tx, receipt), receipt.getTransactionHash());
    }

    /**
     * Replaces the transaction with a better paid copy; false when its nonce went to another transaction (then it
     * will never be mined).
     */
    private boolean bump(Broadcast broadcast) throws TransactionFailed.Refused {
        Optional<BigInteger> price = gas.bumped(broadcast.price());
        if (price.isEmpty()) {
            broadcast.reachedCap();
            log.warn("{}: {} unmined, and the gas price cap ({} wei) leaves no room to replace it", broadcast.tx.key(),
                    broadcast.lastHash(), gas.cap());
            return true;
        }
        Broadcast.Signed signed = signer.apply(broadcast, price.get());
        remember.accept(broadcast, signed.hash());
        Optional<Response.Error> refused;
        try {
            refused = node.submit(signed.raw());
        } catch (IOException e) {
            broadcast.triedAt(broadcast.price());
            log.warn("{}: the node did not take the replacement, will try again: {}", broadcast.tx.key(), e.toString());
            return true;
        }
        if (refused.isEmpty()) {
            broadcast.bumped(signed);
            metrics.bumped(broadcast.tx.purpose());
            log.info("{}: unmined after {} ms, replaced with {} (nonce {}, gas price {} wei)", broadcast.tx.key(),
                    settings.bumpAfter().toMillis(), signed.hash(), broadcast.nonce, signed.price());
            return true;
        }
        return refusedReplacement(broadcast, signed, refused.get());
    }

    private boolean refusedReplacement(Broadcast broadcast, Broadcast.Signed signed, Response.Error error) {
        NodeReplies reply = NodeReplies.of(error);
        broadcast.triedAt(reply == NodeReplies.UNDERPRICED ? signed.price() : broadcast.price());
        if (reply == NodeReplies.NONCE_USED && receiptOfAny(broadcast).isEmpty()) {
            log.warn("{}: nonce {} was used by another transaction; {} will never be mined", broadcast.tx.key(),
                    broadcast.nonce, broadcast.lastHash());
            return false;
        }
        log.info("{}: replacement not taken ({}); still waiting for {}", broadcast.tx.key(), error.getMessage(),
                broadcast.lastHash());
        return true;
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a transaction to be mined", e);
        }
    }
}
