package org.picomesh.agent.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A CARv1 header: the dag-cbor map {@code {"roots": [cid], "version": 1}} (keys in dag-cbor's order: shorter first),
 * the root as CBOR tag 42 over a byte string of 0x00 and the binary CID. Reading takes any map of those two keys and
 * nothing else, with definite lengths, as dag-cbor requires.
 */
final class CarHeader {
    private static final byte[] ROOTS = "roots".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_LENGTH = 1024;

    private CarHeader() {}

    static byte[] of(Cid root) {
        byte[] cid = root.toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(0xa2);
        head(out, 3, ROOTS.length);
        out.writeBytes(ROOTS);
        head(out, 4, 1);
        out.write(0xd8);
        out.write(42);
        head(out, 2, cid.length + 1);
        out.write(0);
        out.writeBytes(cid);
        head(out, 3, VERSION.length);
        out.writeBytes(VERSION);
        head(out, 0, 1);
        return out.toByteArray();
    }

    /** The one root of a CARv1 header; a {@link MalformedBlockException} for anything else. */
    static Cid root(byte[] header) {
        Cbor cbor = new Cbor(header);
        Cid root = null;
        long version = -1;
        long entries = cbor.expect(5, "a map");
        for (long i = 0; i < entries; i++) {
            byte[] key = cbor.bytes(3);
            if (Arrays.equals(key, ROOTS)) {
                if (cbor.expect(4, "an array of roots") != 1) {
                    throw new MalformedBlockException("a CAR of one file has one root");
                }
                if (cbor.expect(6, "a CID tag") != 42) {
                    throw new MalformedBlockException("a CAR root is a CID (tag 42)");
                }
                byte[] cid = cbor.bytes(2);
                if (cid.length < 2 || cid[0] != 0) {
                    throw new MalformedBlockException("a dag-cbor CID starts with 0x00");
                }
                root = Cid.fromBytes(Arrays.copyOfRange(cid, 1, cid.length));
            } else if (Arrays.equals(key, VERSION)) {
                version = cbor.expect(0, "a version number");
            } else {
                throw new MalformedBlockException("a CARv1 header has roots and version only");
            }
        }
        if (version != 1 || root == null || !cbor.atEnd()) {
            throw new MalformedBlockException("not a CARv1 header with one root");
        }
        return root;
    }

    private static void head(ByteArrayOutputStream out, int major, int value) {
        if (value < 24) {
            out.write(major << 5 | value);
        } else {
            out.write(major << 5 | 24);
            out.write(value);
        }
    }

    /** The CBOR items of a CAR header: small ones only. */
    private static final class Cbor {
        private final byte[] bytes;
        private int position;

        Cbor(byte[] bytes) {
            this.bytes = bytes;
        }

        long expect(int major, String what) {
            int initial = next();
            int info = initial & 31;
            if (initial >>> 5 != major || info > 25) {
                throw new MalformedBlockException("the CAR header has no " + what + " where it should");
            }
            return info < 24 ? info : info == 24 ? next() : (long) next() << 8 | next();
        }

        byte[] bytes(int major) {
            int length = (int) expect(major, major == 3 ? "a key" : "a byte string");
            if (length > bytes.length - position) {
                throw new MalformedBlockException("the CAR header ends inside a string");
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        boolean atEnd() {
            return position == bytes.length;
        }

        private int next() {
            if (position >= bytes.length) {
                throw new MalformedBlockException("the CAR header ends early");
            }
            return bytes[position++] & 0xff;
        }
    }
}
