package org.picomesh.directory.indexer;

/**
 * The derived tables were emptied and rebuilt from the stored events (after a reorganisation), within the
 * transaction still open: listeners restore what they keep on those rows.
 */
public record IndexRebuilt(long fromBlock) {}
