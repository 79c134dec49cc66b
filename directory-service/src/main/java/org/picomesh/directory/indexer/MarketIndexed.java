package org.picomesh.directory.indexer;

import java.util.Set;

/**
 * Published once a transaction of the indexer has committed: the engine rows it wrote ({@code engines}), or, when
 * {@code everything}, any derived row, market parameter or trust list may have changed (a reorganisation, a trust
 * list or parameter change). The confirmed head may have moved with either; an empty, partial event says only that.
 */
public record MarketIndexed(Set<Long> engines, boolean everything) {
    static MarketIndexed headMoved() {
        return new MarketIndexed(Set.of(), false);
    }

    static MarketIndexed all() {
        return new MarketIndexed(Set.of(), true);
    }
}
