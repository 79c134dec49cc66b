package org.picomesh.agent.payment;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface HostedLeaseRepository extends Repository<HostedLease, Long> {
    HostedLease save(HostedLease lease);

    Optional<HostedLease> findById(long id);

    @Query("select l from HostedLease l where l.settled = false order by l.id")
    List<HostedLease> findUnsettled();

    @Query("select count(l) from HostedLease l where l.endedBlock is null")
    long countActive();

    @Query("select l from HostedLease l where l.endedBlock > :block")
    List<HostedLease> findEndedAfter(long block);

    @Query("select l from HostedLease l where l.settledBlock > :block")
    List<HostedLease> findSettledAfter(long block);

    @Modifying
    @Query("delete from HostedLease l where l.openedBlock > :block")
    int deleteOpenedAfter(long block);
}
