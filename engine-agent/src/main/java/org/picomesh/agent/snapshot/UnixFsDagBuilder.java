package org.picomesh.agent.snapshot;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a file's UnixFS DAG while its bytes stream through, holding one chunk at a time: {@code ipfs add}'s
 * defaults of the CIDv0 era (fixed 256 KiB chunks, dag-pb File leaves, a balanced tree of at most 174 links a node,
 * sha2-256). A balanced tree that is filled left to right is the same as grouping each level's nodes by 174 from the
 * leaves up, which is how it is built here.
 */
final class UnixFsDagBuilder extends OutputStream {
    static final int CHUNK_SIZE = 256 * 1024;
    static final int MAX_LINKS = 174;

    private final byte[] chunk = new byte[CHUNK_SIZE];
    private int filled;
    private long offset;
    private final List<UnixFsDag.Node> leaves = new ArrayList<>();
    private final MessageDigest sha = Cid.sha256();
    private boolean finished;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int from, int length) {
        if (finished) {
            throw new IllegalStateException("the DAG is already built");
        }
        while (length > 0) {
            int n = Math.min(length, CHUNK_SIZE - filled);
            System.arraycopy(bytes, from, chunk, filled, n);
            filled += n;
            from += n;
            length -= n;
            if (filled == CHUNK_SIZE) {
                addLeaf();
            }
        }
    }

    /** The DAG of everything written; an empty file is one empty leaf, as {@code ipfs add} makes it. */
    UnixFsDag finish() {
        if (finished) {
            throw new IllegalStateException("the DAG is already built");
        }
        if (filled > 0 || leaves.isEmpty()) {
            addLeaf();
        }
        finished = true;
        List<UnixFsDag.Node> level = leaves;
        while (level.size() > 1) {
            List<UnixFsDag.Node> parents = new ArrayList<>((level.size() + MAX_LINKS - 1) / MAX_LINKS);
            for (int i = 0; i < level.size(); i += MAX_LINKS) {
                parents.add(branch(level.subList(i, Math.min(level.size(), i + MAX_LINKS))));
            }
            level = parents;
        }
        return new UnixFsDag(level.get(0));
    }

    private void addLeaf() {
        sha.update(DagPb.leafPrefix(filled));
        Cid.hash(sha, chunk, 0, filled);
        sha.update(DagPb.leafSuffix(filled));
        leaves.add(new UnixFsDag.Leaf(Cid.dagPb(sha.digest()), offset, filled));
        offset += filled;
        filled = 0;
    }

    private static UnixFsDag.Branch branch(List<UnixFsDag.Node> children) {
        List<DagPb.Link> links = new ArrayList<>(children.size());
        long[] sizes = new long[children.size()];
        long fileSize = 0;
        long tsize = 0;
        for (int i = 0; i < children.size(); i++) {
            UnixFsDag.Node child = children.get(i);
            links.add(new DagPb.Link(child.cid(), child.tsize()));
            sizes[i] = child.fileSize();
            fileSize += sizes[i];
            tsize += child.tsize();
        }
        byte[] block = DagPb.branch(links, sizes);
        return new UnixFsDag.Branch(Cid.ofDagPbBlock(block), block, List.copyOf(children), fileSize,
                block.length + tsize);
    }
}
