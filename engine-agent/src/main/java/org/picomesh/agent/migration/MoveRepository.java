package org.picomesh.agent.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface MoveRepository extends Repository<Move, Long> {
    Move save(Move move);

    Optional<Move> findById(Long id);

    /** The latest move of the lease on this side (a lease may move several times: one move open at a time). */
    default Optional<Move> findBySideAndLeaseId(Side side, long leaseId) {
        return findFirstBySideAndLeaseIdOrderByIdDesc(side, leaseId);
    }

    Optional<Move> findFirstBySideAndLeaseIdOrderByIdDesc(Side side, long leaseId);

    /** The moves with an event in a block after {@code block}: what a reorganisation back to it undoes. */
    @Query("select m from Move m where m.requestedBlock > :block or m.acceptedBlock > :block or m.endedBlock > :block"
            + " order by m.id")
    List<Move> findTouchedAfter(long block);

    /** Whether an older move of the pico on this side is still open: the newer one waits for it to finish. */
    @Query("select count(m) > 0 from Move m where m.side = :side and m.pico = :pico and m.id < :id"
            + " and m.endedAt is null")
    boolean olderOpen(Side side, String pico, long id);

    Optional<Move> findBySideAndCid(Side side, String cid);

    List<Move> findBySideAndStateOrderByIdAsc(Side side, MoveState state);

    @Query("select m.id from Move m where m.endedAt is null and m.nextAttemptAt <= :now order by m.nextAttemptAt")
    List<Long> findDue(Instant now);

    List<Move> findByPicoOrderByIdDesc(String pico);

    @Query("select m.cid from Move m where m.endedAt is null and m.cid is not null")
    List<String> findOpenCids();

    List<Move> findAllByOrderByIdDesc();
}
