package org.picomesh.directory.indexer;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The undo images a transaction's events made, in memory until {@link Undo#save}: each engine and lease row as it
 * was before the first change of each block that changed it (see {@link Undo}).
 */
final class UndoImages {
    private BinaryCopy engines;
    private int engineCount;
    private final List<SqlParameterSource> leases = new ArrayList<>();

    void engine(long block, EngineRow row) {
        if (engines == null) {
            engines = new BinaryCopy(64 * 560);
        }
        EngineRows.image(engines, block, row);
        engineCount++;
    }

    void lease(long block, LeaseRow row) {
        leases.add(ProjectionStore.leaseParams(row).addValue("block", block).addValue("existed", row.present));
    }

    int engineCount() {
        return engineCount;
    }

    /** The engine images as {@code COPY engine_undo} reads them; only when {@link #engineCount} is not 0. */
    byte[] engineBytes() {
        return engines.finish();
    }

    List<SqlParameterSource> leases() {
        return leases;
    }
}
