package org.picomesh.agent.migration;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface MarketAdvertRepository extends Repository<MarketAdvert, MarketAdvert.Position> {
    MarketAdvert save(MarketAdvert advert);

    Optional<MarketAdvert> findFirstByEngineIdOrderByBlockNumberDescLogIndexDesc(long engineId);

    @Modifying
    @Query("delete from MarketAdvert a where a.blockNumber > :block")
    int deletePublishedAfter(long block);
}
