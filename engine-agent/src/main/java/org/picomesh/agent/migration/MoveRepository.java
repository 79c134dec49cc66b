package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface MoveRepository extends Repository<Move, Long> {
    Move save(Move move);

    Optional<Move> findById(Long id);

    Optional<Move> findBySideAndLeaseId(Side side, long leaseId);

    Optional<Move> findBySideAndCid(Side side, String cid);

    @Query("select m.id from Move m where m.endedAt is null and m.nextAttemptAt <= :now order by m.nextAttemptAt")
    List<Long> findDue(Instant now);

    List<Move> findByPicoOrderByIdDesc(String pico);

    @Query("select m.cid from Move m where m.endedAt is null and m.cid is not null")
    List<String> findOpenCids();

    List<Move> findAllByOrderByIdDesc();
}
