package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The UnixFS DAG of one file, as {@code ipfs add} lays it out: the inner nodes' blocks in memory (a few kilobytes per
 * 45 MB of file), the leaves only as ranges of the file, whose bytes the blocks wrap. Enough to name every block,
 * serve any of them and list them in depth-first order, the order of a trustless gateway's CAR.
 */
final class UnixFsDag {
    /** A node of the DAG. */
    sealed interface Node permits Leaf, Branch {
        Cid cid();

        /** The bytes of the file under this node. */
        long fileSize();

        /** The bytes of this node's block and of all the blocks under it: what a link to it says. */
        long tsize();
    }

    /** A leaf: {@code length} bytes of the file from {@code offset}, in a dag-pb UnixFS File block. */
    record Leaf(Cid cid, long offset, int length) implements Node {
        @Override
        public long fileSize() {
            return length;
        }

        @Override
        public long tsize() {
            return DagPb.leafBlockLength(length);
        }
    }

    /** An inner node, with its block. */
    record Branch(Cid cid, byte[] block, List<Node> children, long fileSize, long tsize) implements Node {}

    private final Node root;
    private final Map<Cid, Node> byCid = new HashMap<>();

    UnixFsDag(Node root) {
        this.root = root;
        forEachDepthFirst(node -> byCid.putIfAbsent(node.cid(), node));
    }

    /** The DAG of a file's bytes, read once. */
    static UnixFsDag of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); UnixFsDagBuilder builder = new UnixFsDagBuilder()) {
            in.transferTo(builder);
            return builder.finish();
        }
    }

    Cid root() {
        return root.cid();
    }

    Node rootNode() {
        return root;
    }

    long fileSize() {
        return root.fileSize();
    }

    /** A block of this DAG, if it has one by that CID. */
    Optional<Node> find(Cid cid) {
        return Optional.ofNullable(byCid.get(cid));
    }

    /** Every node, parents before children and children in order: the file's bytes come out in order. */
    void forEachDepthFirst(Consumer<Node> visitor) {
        visit(root, visitor);
    }

    private static void visit(Node node, Consumer<Node> visitor) {
        visitor.accept(node);
        if (node instanceof Branch branch) {
            branch.children().forEach(child -> visit(child, visitor));
        }
    }
}
