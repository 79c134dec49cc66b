package org.picomesh.agent.chain;

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
 * EIP-191 personal messages, what agents sign to each other (a wallet can show them): 65 bytes r || s || v as 0x
 * hex. The verifying side recovers the signer's address and compares it with the one the chain names.
 */
public final class PersonalMessages {
    private PersonalMessages() {}

    public static String sign(String message, Credentials key) {
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key.getEcKeyPair());
        byte[] all = new byte[65];
        System.arraycopy(s.getR(), 0, all, 0, 32);
        System.arraycopy(s.getS(), 0, all, 32, 32);
        all[64] = s.getV()[0];
        return Numeric.toHexString(all);
    }

    /** The address (lower case) that signed {@code message}, or nothing when the signature does not parse or verify. */
    public static Optional<String> signer(String message, String signature) {
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
