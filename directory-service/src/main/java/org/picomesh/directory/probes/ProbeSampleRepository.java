package org.picomesh.directory.probes;

import java.time.Instant;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface ProbeSampleRepository extends Repository<ProbeSample, Long> {
    ProbeSample save(ProbeSample sample);

    @Modifying
    @Transactional
    @Query("delete from ProbeSample s where s.probedAt < :before")
    int deleteOlderThan(Instant before);
}
