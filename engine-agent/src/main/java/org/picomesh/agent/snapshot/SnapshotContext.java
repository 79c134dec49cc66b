package org.picomesh.agent.snapshot;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * What a sealed snapshot is for: one move of one lease to one engine on one chain. It becomes HPKE's {@code info}, so
 * a snapshot sealed for one move cannot be opened as another's (replayed to another lease, engine or chain), even
 * by the same target key.
 *
 * @param chainId the chain's id (EIP-155)
 * @param leaseId the lease being moved, as {@code LeaseEscrow} numbers it
 * @param targetEngineId the engine the pico moves to, whose advert names the key the snapshot is sealed to
 */
public record SnapshotContext(long chainId, BigInteger leaseId, BigInteger targetEngineId) {
    private static final byte[] LABEL = "picomesh snapshot v1".getBytes(StandardCharsets.US_ASCII);

    public SnapshotContext {
        if (chainId <= 0) {
            throw new IllegalArgumentException("a chain id is positive, not " + chainId);
        }
        requireUint256("lease id", leaseId);
        requireUint256("target engine id", targetEngineId);
    }

    /** {@code "picomesh snapshot v1" || 0x00 || chainId (8 bytes) || leaseId (32) || targetEngineId (32)}. */
    byte[] info() {
        ByteArrayOutputStream info = new ByteArrayOutputStream(LABEL.length + 73);
        info.writeBytes(LABEL);
        info.write(0);
        info.writeBytes(uint(BigInteger.valueOf(chainId), 8));
        info.writeBytes(uint(leaseId, 32));
        info.writeBytes(uint(targetEngineId, 32));
        return info.toByteArray();
    }

    private static byte[] uint(BigInteger value, int length) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, out, length - copy, copy);
        return out;
    }

    private static void requireUint256(String name, BigInteger value) {
        if (value == null || value.signum() <= 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("a " + name + " is a positive uint256, not " + value);
        }
    }
}
