package org.picomesh.agent.snapshot;

import java.io.ByteArrayOutputStream;

/**
 * The little of the protobuf wire format that dag-pb and UnixFS use: varints and length-delimited fields, written in
 * field order as go-merkledag and go-unixfs write them (the bytes decide the CID, so no library's idea of order may
 * creep in). There is no protobuf schema compiler in this build on purpose: four messages do not need one.
 */
final class Protobuf {
    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;

    private Protobuf() {}

    /** A message under construction. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varint(int field, long value) {
            writeVarint(out, ((long) field << 3) | VARINT);
            writeVarint(out, value);
            return this;
        }

        Writer bytes(int field, byte[] value) {
            writeVarint(out, ((long) field << 3) | LENGTH_DELIMITED);
            writeVarint(out, value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        writeVarint(out, value);
        return out.toByteArray();
    }

    /** Reads fields one by one; any deviation from the wire format is a {@link MalformedBlockException}. */
    static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int end;
        private int field;
        private int wireType;

        Reader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        /** Moves to the next field; false at the end of the message. */
        boolean next() {
            if (position >= end) {
                return false;
            }
            long tag = readVarint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (wireType != VARINT && wireType != LENGTH_DELIMITED || field == 0) {
                throw new MalformedBlockException("unsupported protobuf field " + field + " of wire type " + wireType);
            }
            return true;
        }

        int field() {
            return field;
        }

        long varint() {
            expect(VARINT);
            return readVarint();
        }

        /** The offset and length of a length-delimited field's value, which the caller may read in place. */
        int[] slice() {
            expect(LENGTH_DELIMITED);
            long length = readVarint();
            if (length > end - position) {
                throw new MalformedBlockException("protobuf field " + field + " runs past the end of its message");
            }
            int[] slice = {position, (int) length};
            position += (int) length;
            return slice;
        }

        byte[] bytes() {
            int[] slice = slice();
            byte[] value = new byte[slice[1]];
            System.arraycopy(bytes, slice[0], value, 0, slice[1]);
            return value;
        }

        private void expect(int type) {
            if (wireType != type) {
                throw new MalformedBlockException("protobuf field " + field + " has wire type " + wireType);
            }
        }

        private long readVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new MalformedBlockException("a protobuf varint runs past the end of its message");
                }
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new MalformedBlockException("a protobuf varint longer than 10 bytes");
        }
    }
}
