package org.picomesh.agent.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A content identifier as IPFS writes it: a codec (dag-pb for UnixFS nodes, raw for bare blocks) and a sha2-256
 * digest, the only hash this agent computes. CIDv0 ({@code Qm...}) and CIDv1 name the same dag-pb content; both parse
 * and are equal, and {@link #toString()} gives CIDv1 in base32 ({@code bafybei...}), the form gateways and
 * {@code ipfs add --cid-version 1} print.
 */
public final class Cid {
    static final int DAG_PB = 0x70;
    static final int RAW = 0x55;
    static final int SHA2_256 = 0x12;
    static final int DIGEST_LENGTH = 32;
    /**
     * Bytes are hashed in pieces of this size: HotSpot runs SHA-256 on the CPU's instructions only once the calls to
     * it are compiled, which many small calls get soon. Measured in a fresh JVM: 1 MB in 256 KiB calls stayed at Java
     * speed (7 ms) for some 30 MB; in 4 KiB calls, 1 ms from the first megabyte.
     */
    private static final int PIECE = 4096;

    private final int codec;
    private final byte[] digest;

    private Cid(int codec, byte[] digest) {
        this.codec = codec;
        this.digest = digest;
    }

    /** The dag-pb CID of a block's bytes. */
    static Cid dagPb(byte[] digest) {
        if (digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
        }
        return new Cid(DAG_PB, digest.clone());
    }

    static Cid ofDagPbBlock(byte[] block) {
        return new Cid(DAG_PB, sha256().digest(block));
    }

    /** Parses {@code Qm...} (CIDv0) or {@code b...} (CIDv1, base32); anything else is a {@link MalformedCidException}. */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 120) {
            throw new MalformedCidException("not a CID: empty or too long");
        }
        if (text.length() == 46 && text.startsWith("Qm")) {
            byte[] multihash = Multibase.fromBase58(text);
            if (multihash == null) {
                throw new MalformedCidException("not a CIDv0: a character is not base58btc");
            }
            return fromBytes(multihash);
        }
        if (text.charAt(0) != 'b') {
            throw new MalformedCidException("unsupported multibase '" + text.charAt(0) + "': only base32 (b...) CIDv1 "
                    + "and base58btc (Qm...) CIDv0");
        }
        byte[] bytes = Multibase.fromBase32(text.substring(1));
        if (bytes == null) {
            throw new MalformedCidException("not a CIDv1: a character is not base32 lower case");
        }
        return fromBytes(bytes);
    }

    /** Reads a binary CID: a CIDv0 multihash ({@code 0x12 0x20 ...}) or a CIDv1 ({@code 0x01 codec 0x12 0x20 ...}). */
    static Cid fromBytes(byte[] bytes) {
        if (bytes.length == 2 + DIGEST_LENGTH && bytes[0] == SHA2_256 && bytes[1] == DIGEST_LENGTH) {
            return new Cid(DAG_PB, Arrays.copyOfRange(bytes, 2, bytes.length));
        }
        if (bytes.length != 4 + DIGEST_LENGTH || bytes[0] != 1) {
            throw new MalformedCidException("not a CIDv1 with a sha2-256 multihash (" + bytes.length + " bytes)");
        }
        int codec = bytes[1] & 0xff;
        if (codec != DAG_PB && codec != RAW) {
            throw new MalformedCidException("unsupported codec 0x" + Integer.toHexString(codec) + ": dag-pb or raw only");
        }
        if (bytes[2] != SHA2_256 || bytes[3] != DIGEST_LENGTH) {
            throw new MalformedCidException("unsupported multihash: sha2-256 only");
        }
        return new Cid(codec, Arrays.copyOfRange(bytes, 4, bytes.length));
    }

    /** The CIDv1 binary form: version, codec, multihash. */
    byte[] toBytes() {
        byte[] bytes = new byte[4 + DIGEST_LENGTH];
        bytes[0] = 1;
        bytes[1] = (byte) codec;
        bytes[2] = SHA2_256;
        bytes[3] = DIGEST_LENGTH;
        System.arraycopy(digest, 0, bytes, 4, DIGEST_LENGTH);
        return bytes;
    }

    /** The multihash alone: what a CIDv0 is, and what dag-pb links of the CIDv0 era hold. */
    byte[] multihash() {
        byte[] bytes = new byte[2 + DIGEST_LENGTH];
        bytes[0] = SHA2_256;
        bytes[1] = DIGEST_LENGTH;
        System.arraycopy(digest, 0, bytes, 2, DIGEST_LENGTH);
        return bytes;
    }

    int codec() {
        return codec;
    }

    /** Whether these are the bytes this CID names. */
    boolean matches(byte[] block, int offset, int length) {
        MessageDigest sha = sha256();
        hash(sha, block, offset, length);
        return MessageDigest.isEqual(digest, sha.digest());
    }

    /** The CIDv0 text ({@code Qm...}) of a dag-pb CID, as older IPFS tools print it. */
    public String toV0() {
        if (codec != DAG_PB) {
            throw new IllegalStateException("only dag-pb CIDs have a CIDv0 form");
        }
        return Multibase.base58(multihash());
    }

    /** {@code sha.update} in {@link #PIECE}s. */
    static void hash(MessageDigest sha, byte[] bytes, int offset, int length) {
        for (int done = 0; done < length; done += PIECE) {
            sha.update(bytes, offset + done, Math.min(PIECE, length - done));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "b" + Multibase.base32(toBytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid cid && cid.codec == codec && Arrays.equals(cid.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * codec + Arrays.hashCode(digest);
    }
}
