package org.picomesh.directory.indexer;

/**
 * The derived tables were emptied and rebuilt from the stored events (after a reorganisation below the undo images
 * kept, on an index made before them), within the transaction still open: listeners restore what they keep on those
 * rows. A rewind by undo images keeps every row that stays and publishes nothing.
 */
public record IndexRebuilt(long fromBlock) {}
