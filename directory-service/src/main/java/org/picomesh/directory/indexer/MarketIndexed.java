package org.picomesh.directory.indexer;

import java.util.Set;

/**
 * Published once a transaction of the indexer has committed: the engine rows it wrote or put back ({@code engines});
 * whether a market parameter or trust list changed too ({@code marketRows}); or, when {@code everything}, any derived
 * row may have changed (the tables were rebuilt from the history). The confirmed head may have moved with any of
 * them; an empty event says only that.
 */
public record MarketIndexed(Set<Long> engines, boolean marketRows, boolean everything) {
    public static MarketIndexed of(Set<Long> engines, boolean marketRows) {
        return new MarketIndexed(engines, marketRows, false);
    }

    static MarketIndexed headMoved() {
        return of(Set.of(), false);
    }

    static MarketIndexed all() {
        return new MarketIndexed(Set.of(), true, true);
    }
}
