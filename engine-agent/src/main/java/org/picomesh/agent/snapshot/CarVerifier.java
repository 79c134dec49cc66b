package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.picomesh.agent.snapshot.SnapshotFetchException.Reason;

/**
 * Reads a CARv1 of one UnixFS file in depth-first order with duplicates (what {@link CarWriter} and trustless
 * gateways send for {@code order=dfs; dups=y}) and writes the file's bytes out as the leaves arrive, trusting
 * nothing: every block must hash to its CID and be the next block the DAG from the requested root calls for, and
 * the sizes must add up. A stream of blocks in the expected order is what lets it verify without holding any.
 */
final class CarVerifier {
    /** No block of a UnixFS file is near this: 256 KiB leaves, inner nodes of 174 links. */
    static final int MAX_SECTION = 2 * 1024 * 1024;

    private record Expected(Cid cid, long fileSize) {}

    private CarVerifier() {}

    /** Verifies and copies the file out; returns its length. On an exception, what was written must be discarded. */
    static long verify(InputStream car, Cid root, OutputStream out, long maxFileSize) throws IOException {
        byte[] header = section(car, CarHeader.MAX_LENGTH);
        if (header == null) {
            throw new SnapshotFetchException(Reason.MALFORMED_CAR, "an empty CAR");
        }
        Cid declared;
        try {
            declared = CarHeader.root(header);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFetchException(Reason.MALFORMED_CAR, e.getMessage());
        }
        if (!declared.equals(root)) {
            throw new SnapshotFetchException(Reason.WRONG_ROOT, "asked for " + root + ", the CAR is of " + declared);
        }
        Deque<Expected> pending = new ArrayDeque<>();
        pending.push(new Expected(root, -1));
        long written = 0;
        while (!pending.isEmpty()) {
            Expected expected = pending.pop();
            DagPb.FileNode node = next(car, expected);
            if (expected.fileSize() < 0 && node.fileSize() > maxFileSize) {
                throw new SnapshotFetchException(Reason.TOO_LARGE, "the file has " + node.fileSize()
                        + " bytes, over the limit of " + maxFileSize);
            }
            written += follow(node, expected, pending, out);
        }
        if (car.read() >= 0) {
            throw new SnapshotFetchException(Reason.UNEXPECTED_BLOCK, "bytes after the last block of " + root);
        }
        return written;
    }

    private static DagPb.FileNode next(InputStream car, Expected expected) throws IOException {
        byte[] section = section(car, MAX_SECTION);
        if (section == null) {
            throw new SnapshotFetchException(Reason.MISSING_BLOCK, "the CAR ends before block " + expected.cid());
        }
        int cidLength = section.length > 0 && section[0] == Cid.SHA2_256 ? 2 + Cid.DIGEST_LENGTH
                : 4 + Cid.DIGEST_LENGTH;
        Cid cid;
        try {
            cid = Cid.fromBytes(Arrays.copyOf(section, Math.min(cidLength, section.length)));
        } catch (IllegalArgumentException e) {
            throw new SnapshotFetchException(Reason.MALFORMED_CAR, "a section without a readable CID");
        }
        if (!cid.matches(section, cidLength, section.length - cidLength)) {
            throw new SnapshotFetchException(Reason.TAMPERED_BLOCK, "block " + cid + " does not hash to its CID");
        }
        if (!cid.equals(expected.cid())) {
            throw new SnapshotFetchException(Reason.MISSING_BLOCK, "block " + expected.cid() + " is not where the "
                    + "depth-first order needs it (found " + cid + ")");
        }
        try {
            return DagPb.decode(section, cidLength, section.length - cidLength);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFetchException(Reason.MALFORMED_DAG, "block " + cid + ": " + e.getMessage());
        }
    }

    /** Writes a leaf's bytes, or queues an inner node's children; returns the bytes written. */
    private static long follow(DagPb.FileNode node, Expected expected, Deque<Expected> pending, OutputStream out)
            throws IOException {
        if (expected.fileSize() >= 0 && node.fileSize() != expected.fileSize()) {
            throw malformed(expected, "holds " + node.fileSize() + " bytes, its parent says " + expected.fileSize());
        }
        if (node.links().isEmpty()) {
            if (node.dataLength() != node.fileSize()) {
                throw malformed(expected, "a leaf of " + node.dataLength() + " bytes says " + node.fileSize());
            }
            out.write(node.block(), node.dataOffset(), node.dataLength());
            return node.dataLength();
        }
        List<Long> sizes = node.blockSizes();
        if (node.dataLength() != 0 || sizes.size() != node.links().size()
                || sizes.stream().mapToLong(Long::longValue).sum() != node.fileSize()) {
            throw malformed(expected, "an inner node whose blocksizes do not match its links and filesize");
        }
        for (int i = node.links().size() - 1; i >= 0; i--) {
            pending.push(new Expected(node.links().get(i).cid(), sizes.get(i)));
        }
        return 0;
    }

    private static SnapshotFetchException malformed(Expected expected, String what) {
        return new SnapshotFetchException(Reason.MALFORMED_DAG, "block " + expected.cid() + " " + what);
    }

    /** A varint-framed section; null at a clean end of the stream. */
    private static byte[] section(InputStream in, int max) throws IOException {
        long length = 0;
        for (int shift = 0, count = 0; ; shift += 7, count++) {
            int b = in.read();
            if (b < 0) {
                if (count == 0) {
                    return null;
                }
                throw new SnapshotFetchException(Reason.MALFORMED_CAR, "the CAR ends inside a section length");
            }
            if (count == 9) {
                throw new SnapshotFetchException(Reason.MALFORMED_CAR, "a section length over 9 bytes");
            }
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > max || length < 0) {
            throw new SnapshotFetchException(Reason.MALFORMED_CAR, "a section of " + length + " bytes");
        }
        byte[] section = new byte[(int) length];
        if (in.readNBytes(section, 0, section.length) < length) { // readNBytes(n) would gather 8 KiB pieces, then copy
            throw new SnapshotFetchException(Reason.MISSING_BLOCK, "the CAR ends inside a section");
        }
        return section;
    }
}
