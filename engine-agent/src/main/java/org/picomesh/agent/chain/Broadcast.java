package org.picomesh.agent.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** One nonce's transaction and its replacements: every hash sent for it, the last price offered, the bumps made. */
final class Broadcast {
    /** A signed transaction, ready for eth_sendRawTransaction, and its hash. */
    record Signed(String raw, String hash, BigInteger price) {}

    final Outgoing tx;
    final long nonce;
    private final BigInteger gasLimit;
    private final List<String> hashes = new CopyOnWriteArrayList<>();
    private BigInteger price;
    private long lastSentNanos;
    private int bumps;
    private boolean atCap;

    Broadcast(Outgoing tx, long nonce, BigInteger gasLimit) {
        this.tx = tx;
        this.nonce = nonce;
        this.gasLimit = gasLimit;
    }

    Signed sign(BigInteger gasPrice, Credentials credentials, long chainId) {
        var raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, gasLimit, tx.to(),
                tx.value(), tx.data());
        String hex = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, credentials));
        return new Signed(hex, Hash.sha3(hex), gasPrice);
    }

    /** The node took {@code signed}: the first copy, or a replacement that evicts the earlier ones. */
    void sent(Signed signed) {
        hashes.add(signed.hash());
        price = signed.price();
        lastSentNanos = System.nanoTime();
    }

    void bumped(Signed signed) {
        sent(signed);
        bumps++;
    }

    /** A replacement the node did not take: the next one must pay more than this one would have. */
    void triedAt(BigInteger gasPrice) {
        price = price.max(gasPrice);
        lastSentNanos = System.nanoTime();
    }

    /** The cap leaves no room for a valid replacement: wait for the last one without bumping again. */
    void reachedCap() {
        atCap = true;
    }

    boolean mayBump(int maxBumps, long bumpAfterNanos) {
        return !atCap && bumps < maxBumps && System.nanoTime() - lastSentNanos >= bumpAfterNanos;
    }

    List<String> hashes() {
        return List.copyOf(hashes);
    }

    String lastHash() {
        return hashes.isEmpty() ? "(none)" : hashes.get(hashes.size() - 1);
    }

    BigInteger price() {
        return price;
    }

    int bumps() {
        return bumps;
    }
}
