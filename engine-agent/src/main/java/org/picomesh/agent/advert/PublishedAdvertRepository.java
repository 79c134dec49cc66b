package org.picomesh.agent.advert;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface PublishedAdvertRepository extends Repository<PublishedAdvert, PublishedAdvert.Position> {
    PublishedAdvert save(PublishedAdvert advert);

    /** An engine's advert in force: the last one it published. */
    Optional<PublishedAdvert> findFirstByEngineIdOrderByBlockNumberDescLogIndexDesc(long engineId);

    @Modifying
    @Query("delete from PublishedAdvert a where a.blockNumber > :block")
    int deletePublishedAfter(long block);
}
