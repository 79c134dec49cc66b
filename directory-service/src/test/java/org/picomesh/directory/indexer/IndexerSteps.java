package org.picomesh.directory.indexer;

import org.picomesh.directory.support.Directory;

/** Drives a directory's indexer one range at a time, for benchmarks that time the indexing alone. */
public final class IndexerSteps {
    private IndexerSteps() {}

    /** Indexes the next range; true once caught up with the head. */
    public static boolean step(Directory directory) {
        return directory.bean(Indexer.class).step();
    }
}
