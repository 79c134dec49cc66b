package org.picomesh.agent.migration;

import java.time.Instant;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records a checked offer in the target's journal (opening it when the follower has not seen the move yet). */
@Component
class OfferIntake {
    private final MoveRepository moves;
    private final MoveMetrics metrics;

    OfferIntake(MoveRepository moves, MoveMetrics metrics) {
        this.moves = moves;
        this.metrics = metrics;
    }

    @Transactional
    MoveState offered(long leaseId, LeaseEscrow.LeaseView lease, Cid cid, String signer) {
        Move move = moves.findBySideAndLeaseId(Side.TARGET, leaseId).filter(m -> !m.state().terminal()
                || cid.toString().equals(m.cid())).orElseGet(() -> { // a lease moved here before may move again
            metrics.started(Side.TARGET);
            return moves.save(new Move(Side.TARGET, leaseId, lease.pico.toLowerCase(), lease.moveTo.longValueExact(),
                    Instant.ofEpochSecond(lease.moveDeadline.longValueExact()), 0, MoveState.AWAITING_OFFER));
        });
        if (move.state() == MoveState.AWAITING_OFFER) {
            move.fromEngineId(lease.engineId.longValueExact());
            move.offerSigner(signer);
            move.cid(cid.toString());
            move.to(MoveState.OFFERED, cid.toString());
            moves.save(move);
        } else if (!cid.toString().equals(move.cid())) {
            throw OfferController.problem(HttpStatus.CONFLICT, "lease " + leaseId + " was offered as " + move.cid()
                    + " already (" + move.state() + ")");
        }
        return move.state();
    }
}
