package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sealed snapshots on the agent's disk, each in a file named by its CID. A write streams into a temporary file while
 * the DAG is computed, is synced, then renamed to its CID in one atomic step ({@link DurableWrite}): a crash leaves a
 * whole file under a CID or none (the temporary files of a crashed write are swept when the store opens). The same
 * bytes give the same CID, hence the same one file. DAGs are computed again from the files after a restart, and
 * checked against their names.
 */
public final class SnapshotStore {
    private final Path dir;
    private final DurableWrite writes;
    private final Map<Cid, UnixFsDag> dags = new ConcurrentHashMap<>();

    /** What a writer writes: the bytes to store, to a stream the store closes (closing it early is harmless). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Opens (or creates) the store in {@code dir}, dropping what crashed writes left. */
    public SnapshotStore(Path dir) {
        this.dir = dir.toAbsolutePath();
        try {
            this.writes = new DurableWrite(this.dir, this::file);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot open the snapshot store " + this.dir, e);
        }
    }

    /** Stores the content and returns its CID; when it fails, nothing is stored. */
    public Cid put(Content content) throws IOException {
        UnixFsDagBuilder builder = new UnixFsDagBuilder();
        UnixFsDag[] dag = new UnixFsDag[1];
        writes.write(out -> content.writeTo(new Tee(out, builder)), () -> (dag[0] = builder.finish()).root());
        dags.put(dag[0].root(), dag[0]);
        return dag[0].root();
    }

    /**
     * Stores content already proven to be {@code cid}'s bytes (a fetch verifies every block as it streams), without
     * hashing it a second time: its DAG is computed from the file if it is ever served from here. When it fails,
     * nothing is stored.
     */
    Cid putVerified(Cid cid, Content content) throws IOException {
        writes.write(content, () -> cid);
        return cid;
    }

    /** The stored bytes, if this store holds that CID. */
    public Optional<InputStream> open(Cid cid) {
        try {
            return Optional.of(Files.newInputStream(file(cid)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read snapshot " + cid, e);
        }
    }

    /** The stored file, open for reading (its size is the snapshot's), if this store holds that CID. */
    Optional<FileChannel> channel(Cid cid) {
        try {
            return Optional.of(FileChannel.open(file(cid), StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read snapshot " + cid, e);
        }
    }

    public boolean contains(Cid cid) {
        return Files.isRegularFile(file(cid));
    }

    /** Deletes a snapshot; false when there was none. */
    public boolean delete(Cid cid) {
        dags.remove(cid);
        try {
            return Files.deleteIfExists(file(cid));
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot delete snapshot " + cid, e);
        }
    }

    /** The CIDs of the stored snapshots. */
    public List<Cid> list() {
        List<Cid> cids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : files) {
                try {
                    cids.add(Cid.parse(file.getFileName().toString()));
                } catch (MalformedCidException e) {
                    // Not ours: the store names files by CID only.
                }
            }
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot list the snapshot store " + dir, e);
        }
        return cids;
    }

    /** The DAG of a stored snapshot, computed once; a file that no longer hashes to its name is an error. */
    Optional<UnixFsDag> dag(Cid root) {
        if (!contains(root)) {
            dags.remove(root);
            return Optional.empty();
        }
        return Optional.of(dags.computeIfAbsent(root, this::readDag));
    }

    /** Where a block lives: the snapshot (root) whose DAG holds it, and its node there. */
    record Located(Cid root, UnixFsDag dag, UnixFsDag.Node node) {}

    /** Finds a block by its CID: a stored snapshot's root first, else a block of any stored snapshot's DAG. */
    Optional<Located> locate(Cid block) {
        Optional<UnixFsDag> own = dag(block);
        if (own.isPresent()) {
            return Optional.of(new Located(block, own.get(), own.get().rootNode()));
        }
        for (Cid root : list()) {
            Optional<Located> found = dag(root).flatMap(dag -> dag.find(block).map(n -> new Located(root, dag, n)));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    Path file(Cid cid) {
        return dir.resolve(cid.toString());
    }

    private UnixFsDag readDag(Cid root) {
        try {
            UnixFsDag dag = UnixFsDag.of(file(root));
            if (!dag.root().equals(root)) {
                throw new SnapshotStoreException("snapshot file " + file(root) + " no longer holds " + root
                        + " (it hashes to " + dag.root() + ")", new IOException("content does not match its CID"));
            }
            return dag;
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read snapshot " + root, e);
        }
    }
}
