package org.picomesh.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A pico's EIP-712 signatures of the requests only it may make (open or move its lease), for a sponsor to send with
 * {@code openLeaseFor} / {@code moveLeaseFor}: the sponsor pays the gas, the chain checks the pico decided.
 */
public final class PicoRequests {
    private static final byte[] OPEN = Hash.sha3(("OpenLease(address pico,uint256 engineId,uint256 maxPricePerHour,"
            + "uint256 nonce,uint256 deadline)").getBytes(StandardCharsets.US_ASCII));
    private static final byte[] MOVE = Hash.sha3(("MoveLease(address pico,uint256 toEngineId,uint256 maxPricePerHour,"
            + "uint256 nonce,uint256 deadline)").getBytes(StandardCharsets.US_ASCII));

    private PicoRequests() {}

    /** The pico's signature of "open my lease on {@code engineId} at no more than {@code maxPrice}". */
    public static byte[] signOpen(Credentials pico, LeaseEscrow escrow, BigInteger engineId, BigInteger maxPrice,
            BigInteger deadline) throws Exception {
        return sign(OPEN, pico, escrow, engineId, maxPrice, deadline);
    }

    /** The pico's signature of "move my lease to {@code toEngineId} at no more than {@code maxPrice}". */
    public static byte[] signMove(Credentials pico, LeaseEscrow escrow, BigInteger toEngineId, BigInteger maxPrice,
            BigInteger deadline) throws Exception {
        return sign(MOVE, pico, escrow, toEngineId, maxPrice, deadline);
    }

    private static byte[] sign(byte[] typehash, Credentials pico, LeaseEscrow escrow, BigInteger engineId,
            BigInteger maxPrice, BigInteger deadline) throws Exception {
        BigInteger nonce = escrow.nonces(pico.getAddress()).send();
        String encoded = Numeric.toHexStringNoPrefix(typehash) + TypeEncoder.encode(new Address(pico.getAddress()))
                + TypeEncoder.encode(new Uint256(engineId)) + TypeEncoder.encode(new Uint256(maxPrice))
                + TypeEncoder.encode(new Uint256(nonce)) + TypeEncoder.encode(new Uint256(deadline));
        byte[] structHash = Hash.sha3(Numeric.hexStringToByteArray(encoded));
        byte[] domain = escrow.DOMAIN_SEPARATOR().send();
        byte[] digest = Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, structHash));
        Sign.SignatureData signature = Sign.signMessage(digest, pico.getEcKeyPair(), false);
        return concat(signature.getR(), signature.getS(), signature.getV());
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
