package org.picomesh.agent.challenges;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ChallengeRepository extends Repository<Challenge, Long> {
    Challenge save(Challenge challenge);

    Optional<Challenge> findById(long id);

    @Query("select c from Challenge c where c.status = 'open' and c.deadline >= :now order by c.deadline")
    List<Challenge> findAnswerable(long now);

    @Query("select c from Challenge c where c.closedBlock > :block")
    List<Challenge> findClosedAfter(long block);

    @Modifying
    @Query("delete from Challenge c where c.openedBlock > :block")
    int deleteOpenedAfter(long block);
}
