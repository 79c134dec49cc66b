package org.picomesh.agent.migration;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The target's door for offers ({@code POST /moves/offers}). An offer is taken only when the chain has a pending move
 * of that lease to this engine and the offer is signed by the agent of the engine the lease is on now; it is then
 * recorded (202) and the worker fetches the snapshot from that engine's advertised endpoint, never from the offer.
 * Taking the same offer again changes nothing: a source that crashed after sending it sends it again.
 */
@RestController
class OfferController {
    private final MoveChain chain;
    private final OfferIntake intake;
    private final MoveWorker worker;
    private final long engineId;

    OfferController(MoveChain chain, OfferIntake intake, MoveWorker worker, AgentProperties properties) {
        this.worker = worker;
        this.chain = chain;
        this.intake = intake;
        this.engineId = properties.engineId();
    }

    @PostMapping("/" + OfferClient.PATH)
    ResponseEntity<Map<String, String>> offer(@RequestBody Offer offer) {
        Cid cid = check(offer);
        LeaseEscrow.LeaseView lease = onChain(offer.leaseId());
        if (!lease.active || lease.moveTo.longValue() != engineId) {
            throw problem(HttpStatus.CONFLICT, "lease " + offer.leaseId() + " has no pending move to engine "
                    + engineId);
        }
        String signer = MoveSignatures.signer(offer.message(chain.escrowAddress()), offer.signature())
                .orElseThrow(() -> problem(HttpStatus.UNAUTHORIZED, "the offer's signature does not verify"));
        try {
            if (!chain.agentOf(lease.engineId.longValueExact()).equals(signer)) {
                throw problem(HttpStatus.FORBIDDEN, "the offer is not signed by the agent of engine "
                        + lease.engineId + ", where the lease is");
            }
        } catch (MoveFailure e) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
        MoveState state;
        try {
            state = intake.offered(offer.leaseId(), lease, cid, signer);
        } catch (DataIntegrityViolationException e) { // the follower opened the move at the same moment
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "lease " + offer.leaseId() + "'s move is being recorded: "
                    + "offer again");
        }
        worker.nudge(); // committed: the import need not wait for the next poll
        return ResponseEntity.accepted().body(Map.of("state", state.name()));
    }

    private Cid check(Offer offer) {
        if (offer.chainId() != chain.chainId()) {
            throw problem(HttpStatus.BAD_REQUEST, "an offer for chain " + offer.chainId() + ", this is chain "
                    + chain.chainId());
        }
        if (offer.expires() < Instant.now().getEpochSecond()) {
            throw problem(HttpStatus.BAD_REQUEST, "the offer expired at " + offer.expires());
        }
        if (offer.signature() == null || offer.cid() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "an offer names a cid and carries a signature");
        }
        try {
            return Cid.parse(offer.cid());
        } catch (RuntimeException e) {
            throw problem(HttpStatus.BAD_REQUEST, "not a CID: " + Reasons.clean(e.getMessage()));
        }
    }

    private LeaseEscrow.LeaseView onChain(long leaseId) {
        try {
            return chain.lease(leaseId);
        } catch (MoveFailure e) {
            throw problem(leaseId > 0 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST, "lease " + leaseId
                    + ": " + e.getMessage());
        }
    }

    static ErrorResponseException problem(HttpStatus status, String detail) {
        ErrorResponseException problem = new ErrorResponseException(status);
        problem.setDetail(detail);
        return problem;
    }

    static BigInteger id(long id) {
        return BigInteger.valueOf(id);
    }
}
