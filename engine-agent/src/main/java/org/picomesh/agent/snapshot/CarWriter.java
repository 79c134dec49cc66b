package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a stored file's whole DAG as a CARv1 the way a trustless gateway answers {@code application/vnd.ipld.car}:
 * the header, then every block in depth-first order with duplicates (order=dfs, dups=y), so a client can verify and
 * hand out the file's bytes as they arrive. Sections carry the root as CIDv1 and the others as CIDv0, as they are
 * linked. Leaves are read from the file in order, never held whole.
 */
final class CarWriter {
    private CarWriter() {}

    /** The length of the CAR, for Content-Length: header and sections, each after its varint length. */
    static long length(UnixFsDag dag) {
        long[] length = {framed(CarHeader.of(dag.root()).length)};
        dag.forEachDepthFirst(node -> length[0] += framed(cidBytes(dag, node).length + blockLength(node)));
        return length[0];
    }

    static void write(UnixFsDag dag, Path file, OutputStream out) throws IOException {
        byte[] header = CarHeader.of(dag.root());
        out.write(Protobuf.varint(header.length));
        out.write(header);
        try (InputStream leaves = Files.newInputStream(file)) {
            Writer writer = new Writer(dag, leaves, out);
            dag.forEachDepthFirst(writer::section);
            if (writer.failure != null) {
                throw writer.failure;
            }
        }
    }

    /** A block by itself, as {@code application/vnd.ipld.raw} answers: an inner node's bytes or a leaf's. */
    static void writeBlock(UnixFsDag.Node node, Path file, OutputStream out) throws IOException {
        if (node instanceof UnixFsDag.Branch branch) {
            out.write(branch.block());
            return;
        }
        UnixFsDag.Leaf leaf = (UnixFsDag.Leaf) node;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(leaf.offset());
            writeLeaf(leaf, in, out, new byte[leaf.length()]);
        }
    }

    /** Copies a leaf's bytes from the file through {@code buffer} (room for a leaf), wrapped as its block. */
    private static void writeLeaf(UnixFsDag.Leaf leaf, InputStream file, OutputStream out, byte[] buffer)
            throws IOException {
        out.write(DagPb.leafPrefix(leaf.length()));
        if (file.readNBytes(buffer, 0, leaf.length()) != leaf.length()) {
            throw new IOException("the snapshot file is shorter than its DAG");
        }
        out.write(buffer, 0, leaf.length());
        out.write(DagPb.leafSuffix(leaf.length()));
    }

    private static byte[] cidBytes(UnixFsDag dag, UnixFsDag.Node node) {
        return node == dag.rootNode() ? node.cid().toBytes() : node.cid().multihash();
    }

    private static long blockLength(UnixFsDag.Node node) {
        return node instanceof UnixFsDag.Branch branch ? branch.block().length
                : DagPb.leafBlockLength(((UnixFsDag.Leaf) node).length());
    }

    private static long framed(long length) {
        return Protobuf.varint(length).length + length;
    }

    /** Visits nodes in order; the first I/O failure stops the writing and is rethrown by {@link #write}. */
    private static final class Writer {
        private final UnixFsDag dag;
        private final InputStream leaves;
        private final OutputStream out;
        private final byte[] buffer = new byte[UnixFsDagBuilder.CHUNK_SIZE];
        private IOException failure;

        Writer(UnixFsDag dag, InputStream leaves, OutputStream out) {
            this.dag = dag;
            this.leaves = leaves;
            this.out = out;
        }

        void section(UnixFsDag.Node node) {
            if (failure != null) {
                return;
            }
            try {
                byte[] cid = cidBytes(dag, node);
                out.write(Protobuf.varint(cid.length + blockLength(node)));
                out.write(cid);
                if (node instanceof UnixFsDag.Branch branch) {
                    out.write(branch.block());
                } else {
                    writeLeaf((UnixFsDag.Leaf) node, leaves, out, buffer);
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
