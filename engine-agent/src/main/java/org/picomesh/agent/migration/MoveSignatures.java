package org.picomesh.agent.migration;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

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
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key.getEcKeyPair());
        byte[] all = new byte[65];
        System.arraycopy(s.getR(), 0, all, 0, 32);
        System.arraycopy(s.getS(), 0, all, 32, 32);
        all[64] = s.getV()[0];
        return Numeric.toHexString(all);
    }

    /** The address (lower case) that signed {@code message}, or nothing when the signature does not parse or verify. */
    static Optional<String> signer(String message, String signature) {
        try {
            byte[] bytes = Numeric.hexStringToByteArray(signature);
            if (bytes.length != 65) {
                return Optional.empty();
            }
            byte v = bytes[64] < 27 ? (byte) (bytes[64] + 27) : bytes[64];
            Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32),
                    Arrays.copyOfRange(bytes, 32, 64));
            BigInteger key = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), data);
            return Optional.of("0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT));
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
