package org.picomesh.agent.migration;

import java.util.Locale;
import java.util.Optional;
import org.picomesh.agent.chain.PersonalMessages;
import org.web3j.crypto.Credentials;

/**
 * What agents sign to each other (EIP-191 personal messages, so a wallet can show them): the source's offer of a
 * snapshot and the target's request to fetch it. Each message names the chain and the escrow, so it cannot be replayed
 * on another market, and an expiry (unix seconds), so it cannot be replayed later.
 */
final class MoveSignatures {
    private MoveSignatures() {}

    /** The text the source's agent signs to offer {@code cid} for the move of {@code leaseId}. */
    static String offer(long chainId, String escrow, long leaseId, String cid, long expires) {
        return "picomesh move offer\nchain: " + chainId + "\nescrow: " + escrow.toLowerCase(Locale.ROOT) + "\nlease: "
                + leaseId + "\ncid: " + cid + "\nexpires: " + expires;
    }

    /** The text the target's agent signs to fetch {@code cid} from the source's gateway. */
    static String fetch(long chainId, String escrow, String cid, long expires) {
        return "picomesh snapshot fetch\nchain: " + chainId + "\nescrow: " + escrow.toLowerCase(Locale.ROOT)
                + "\ncid: " + cid + "\nexpires: " + expires;
    }

    /** 65 bytes r || s || v as 0x hex. */
    static String sign(String message, Credentials key) {
        return PersonalMessages.sign(message, key);
    }

    /** The address (lower case) that signed {@code message}, or nothing when the signature does not parse or verify. */
    static Optional<String> signer(String message, String signature) {
        return PersonalMessages.signer(message, signature);
    }
}
