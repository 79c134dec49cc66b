package org.picomesh.directory.chain;

/** What the indexer keeps of a block to notice a reorganisation. */
public record BlockHeader(long number, String hash, String parentHash) {}
