package org.picomesh.agent.advert;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface PublishedAdvertRepository extends Repository<PublishedAdvert, PublishedAdvert.Position> {
    PublishedAdvert save(PublishedAdvert advert);

    /** The advert in force: the last one published. */
    Optional<PublishedAdvert> findFirstByOrderByBlockNumberDescLogIndexDesc();

    @Modifying
    @Query("delete from PublishedAdvert a where a.blockNumber > :block")
    int deletePublishedAfter(long block);
}
