package org.picomesh.agent.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.security.KeyPair;
import java.util.Map;

/**
 * What the move protocol needs of snapshots, in three calls. The source {@link #seal}s a pico's export for the target
 * and records the CID; the target {@link #fetch}es that CID from the source (verified) and {@link #open}s it with its
 * own key. Between them, the store on each side keeps the sealed bytes under their CID (served by the gateway, and
 * deleted by the protocol when the move is over).
 */
public final class Snapshots {
    private final SnapshotStore store;
    private final SnapshotFetcher fetcher;

    public Snapshots(SnapshotStore store, SnapshotFetcher fetcher) {
        this.store = store;
        this.fetcher = fetcher;
    }

    /**
     * Canonicalises a pico's export (RFC 8785), seals it to the target's X25519 key for this move and stores it;
     * returns its CID. Sealing the same export again gives another CID (HPKE's ephemeral key is new each time).
     */
    public Cid seal(byte[] exportJson, byte[] targetKey, SnapshotContext move) throws IOException {
        return seal(new ByteArrayInputStream(exportJson), targetKey, move);
    }

    /**
     * As {@link #seal(byte[], byte[], SnapshotContext)}, reading the export from a stream and writing its canonical
     * form straight into the sealer: no canonical copy of the export is made besides the one being ordered.
     */
    public Cid seal(InputStream exportJson, byte[] targetKey, SnapshotContext move) throws IOException {
        return store.put(out -> {
            try (SnapshotSealer sealer = SnapshotSealer.sealing(out, targetKey, move)) {
                CanonicalJson.canonicalise(exportJson, sealer);
                sealer.finish();
            }
        });
    }

    /** Fetches a snapshot from the source agent's gateway into this store, verified block by block. */
    public Cid fetch(URI sourceAgent, Cid cid) throws IOException {
        return fetch(sourceAgent, cid, Map.of());
    }

    /** As {@link #fetch(URI, Cid)}, with request headers that authenticate this agent to the source's gateway. */
    public Cid fetch(URI sourceAgent, Cid cid, Map<String, String> headers) throws IOException {
        return store.contains(cid) ? cid : fetcher.fetchInto(store, sourceAgent, cid, headers);
    }

    /**
     * The canonical export JSON of a stored snapshot, opened with this agent's key pair for this move. A
     * {@link SnapshotOpenException} says why it does not open.
     */
    public byte[] open(Cid cid, KeyPair ownKey, SnapshotContext move) throws IOException {
        try (FileChannel file = store.channel(cid).orElseThrow(() -> new SnapshotStoreException(
                "no snapshot " + cid + " in the store", new IOException("not found")));
                SnapshotOpener plain = SnapshotOpener.opening(Channels.newInputStream(file), ownKey, move)) {
            return plain.readAll(file.size());
        }
    }

    public SnapshotStore store() {
        return store;
    }
}
