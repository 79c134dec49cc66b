/**
 * Pico snapshots for moves between agents (issue 12, item 3): a pico's export, canonicalised (RFC 8785), sealed to
 * the target agent's X25519 key (HPKE, RFC 9180, streamed in chunks), stored on disk under the CID that
 * {@code ipfs add} would give the sealed bytes, served by CID as an IPFS trustless gateway serves it, and fetched by
 * the target with every block verified. The public face is {@link org.picomesh.agent.snapshot.Snapshots} (seal,
 * fetch, open), {@link org.picomesh.agent.snapshot.Cid}, {@link org.picomesh.agent.snapshot.SnapshotContext}, the
 * typed failures, and {@link org.picomesh.agent.snapshot.SnapshotAccess}, the seam where the move protocol decides who
 * may fetch.
 */
package org.picomesh.agent.snapshot;
