package org.picomesh.agent.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * UnixFS v1 file nodes in dag-pb, byte for byte as {@code ipfs add} (go-unixfs over go-merkledag) writes them: a
 * PBNode's Links (field 2) before its Data (field 1); a PBLink's Hash (the child's CIDv0 multihash), an empty Name
 * and Tsize (the child's block plus everything under it); the UnixFS Data's Type (File), Data (a leaf's bytes),
 * filesize and one blocksizes entry per child, unpacked.
 */
final class DagPb {
    static final int TYPE_RAW = 0;
    static final int TYPE_FILE = 2;

    /** A link to a child node. */
    record Link(Cid cid, long tsize) {}

    /** A decoded file node; a leaf's bytes are {@code block[dataOffset, dataOffset + dataLength)}. */
    record FileNode(List<Link> links, int type, byte[] block, int dataOffset, int dataLength, long fileSize,
            List<Long> blockSizes) {}

    private DagPb() {}

    /** What a leaf block holds before its bytes: PBNode.Data's tag and length, UnixFS Type and Data's tag and length. */
    static byte[] leafPrefix(int length) {
        int unixFs = unixFsLeafLength(length);
        byte[] total = Protobuf.varint(unixFs);
        byte[] inner = length == 0 ? new byte[0] : Protobuf.varint(length);
        byte[] prefix = new byte[1 + total.length + 2 + (length == 0 ? 0 : 1 + inner.length)];
        int i = 0;
        prefix[i++] = 0x0a;
        System.arraycopy(total, 0, prefix, i, total.length);
        i += total.length;
        prefix[i++] = 0x08;
        prefix[i++] = TYPE_FILE;
        if (length > 0) {
            prefix[i++] = 0x12;
            System.arraycopy(inner, 0, prefix, i, inner.length);
        }
        return prefix;
    }

    /** What a leaf block holds after its bytes: UnixFS filesize. */
    static byte[] leafSuffix(int length) {
        byte[] size = Protobuf.varint(length);
        byte[] suffix = new byte[1 + size.length];
        suffix[0] = 0x18;
        System.arraycopy(size, 0, suffix, 1, size.length);
        return suffix;
    }

    static int leafBlockLength(int length) {
        int unixFs = unixFsLeafLength(length);
        return 1 + Protobuf.varint(unixFs).length + unixFs;
    }

    private static int unixFsLeafLength(int length) {
        int data = length == 0 ? 0 : 1 + Protobuf.varint(length).length + length;
        return 2 + data + 1 + Protobuf.varint(length).length;
    }

    /** An inner node over children holding {@code blockSizes} bytes of the file each. */
    static byte[] branch(List<Link> links, long[] blockSizes) {
        long fileSize = 0;
        Protobuf.Writer unixFs = new Protobuf.Writer().varint(1, TYPE_FILE);
        for (long size : blockSizes) {
            fileSize += size;
        }
        unixFs.varint(3, fileSize);
        for (long size : blockSizes) {
            unixFs.varint(4, size);
        }
        Protobuf.Writer node = new Protobuf.Writer();
        for (Link link : links) {
            node.bytes(2, new Protobuf.Writer().bytes(1, link.cid().multihash()).bytes(2, new byte[0])
                    .varint(3, link.tsize()).toByteArray());
        }
        return node.bytes(1, unixFs.toByteArray()).toByteArray();
    }

    /** Decodes a block that must be a UnixFS file node (a leaf or an inner node); else a {@link MalformedBlockException}. */
    static FileNode decode(byte[] block, int offset, int length) {
        List<Link> links = new ArrayList<>();
        int[] data = null;
        Protobuf.Reader node = new Protobuf.Reader(block, offset, length);
        while (node.next()) {
            switch (node.field()) {
                case 1 -> data = node.slice();
                case 2 -> links.add(link(block, node.slice()));
                default -> throw new MalformedBlockException("unknown PBNode field " + node.field());
            }
        }
        if (data == null) {
            throw new MalformedBlockException("a dag-pb node without UnixFS data is not a file");
        }
        return unixFs(links, block, data);
    }

    private static Link link(byte[] block, int[] slice) {
        Cid cid = null;
        long tsize = 0;
        Protobuf.Reader link = new Protobuf.Reader(block, slice[0], slice[1]);
        while (link.next()) {
            switch (link.field()) {
                case 1 -> cid = Cid.fromBytes(link.bytes());
                case 2 -> link.slice();
                case 3 -> tsize = link.varint();
                default -> throw new MalformedBlockException("unknown PBLink field " + link.field());
            }
        }
        if (cid == null) {
            throw new MalformedBlockException("a PBLink without a hash");
        }
        return new Link(cid, tsize);
    }

    private static FileNode unixFs(List<Link> links, byte[] block, int[] slice) {
        int type = -1;
        int[] data = {0, 0};
        long fileSize = -1;
        List<Long> blockSizes = new ArrayList<>();
        Protobuf.Reader unixFs = new Protobuf.Reader(block, slice[0], slice[1]);
        while (unixFs.next()) {
            switch (unixFs.field()) {
                case 1 -> type = (int) unixFs.varint();
                case 2 -> data = unixFs.slice();
                case 3 -> fileSize = unixFs.varint();
                case 4 -> blockSizes.add(unixFs.varint());
                default -> throw new MalformedBlockException("unsupported UnixFS field " + unixFs.field());
            }
        }
        if (type != TYPE_FILE && type != TYPE_RAW) {
            throw new MalformedBlockException("UnixFS type " + type + " is not a file");
        }
        if (fileSize < 0) {
            throw new MalformedBlockException("a UnixFS file node without its filesize");
        }
        return new FileNode(List.copyOf(links), type, block, data[0], data[1], fileSize, List.copyOf(blockSizes));
    }
}
