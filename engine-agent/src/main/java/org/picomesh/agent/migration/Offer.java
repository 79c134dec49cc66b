package org.picomesh.agent.migration;

/**
 * A source agent's offer of a snapshot to the target of a move: the lease, the CID, until when the offer holds (unix
 * seconds), and the source agent key's signature of {@link MoveSignatures#offer}. Everything else the target needs
 * (the pico, the source's engine and endpoint, the deadline) it reads from the chain, not from the offer.
 */
record Offer(long chainId, long leaseId, String cid, long expires, String signature) {
    String message(String escrow) {
        return MoveSignatures.offer(chainId, escrow, leaseId, cid, expires);
    }
}
