package org.picomesh.agent.snapshot;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may fetch a stored snapshot from this agent's gateway. The gateway asks it before serving any block of a
 * snapshot, with the snapshot's root CID (also when a single block of it is asked for).
 *
 * <p>Until the move protocol exists, no bean of this type is defined and the gateway allows everyone: snapshots are
 * sealed to their target's key, so a fetch by anyone else yields ciphertext only. The protocol is to define one bean
 * that allows only the target agent of a pending move whose snapshot has that CID, authenticated by the request.
 */
public interface SnapshotAccess {
    /** What the gateway uses while no bean is defined: everyone may fetch. */
    SnapshotAccess ALLOW_ALL = (root, request) -> true;

    boolean mayFetch(Cid root, HttpServletRequest request);
}
