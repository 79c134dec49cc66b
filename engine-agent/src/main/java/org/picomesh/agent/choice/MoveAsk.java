package org.picomesh.agent.choice;

import java.math.BigInteger;
import java.time.Instant;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.market.PicoSigner;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.contracts.placement.MoveGate;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A move the gate let through: recorded in the pico and counted, then the pico's own request to move its lease, signed
 * from its account; when it cannot be asked, the gate's state is put back and the pico records the rollback.
 */
@Component
class MoveAsk {
    private static final Logger log = LoggerFactory.getLogger(MoveAsk.class);
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);

    private final GateRows gates;
    private final PicoSigner signer;
    private final DecisionRecorder decisions;
    private final long engineId;

    MoveAsk(GateRows gates, PicoSigner signer, DecisionRecorder decisions, AgentProperties properties) {
        this.gates = gates;
        this.signer = signer;
        this.decisions = decisions;
        this.engineId = properties.engineId();
    }

    /** The move to ask for; {@code at}: the instant the gate counted it. */
    record Move(Pico pico, String address, long target, String reason, String source, Instant at) {}

    /**
     * @param row the gate's row, the move counted in it
     * @param before the gate's state before this move, kept again when it cannot be asked
     */
    Decision ask(Move move, GateRow row, MoveGate.State before, PlacementPolicy policy) {
        // counted from now until it is settled (a rollback takes it back): recorded before the pico leaves, so that
        // the record travels with it and its new host settles it
        GateRow saved = gates.save(row);
        Decision moving = decisions.decide(move.pico(), Decision.MOVING, move.target(), "asking to move to engine "
                + move.target() + ": " + move.reason(), move.source(), true, move.at());
        try {
            String tx = signer.askMove(move.address(), move.target(), maxPrice(policy));
            log.info("pico {} asked to move from engine {} to {} (tx {}, ranked by the {}): {}", move.address(),
                    engineId, move.target(), tx, move.source(), move.reason());
            return moving;
        } catch (RuntimeException e) {
            saved.remember(before, Decision.cut("the move could not be asked: " + e.getMessage()), move.at());
            gates.save(saved);
            return decisions.decide(move.pico(), Decision.ROLLED_BACK, move.target(), "move rolled back: it could not "
                    + "be asked: " + e.getMessage(), move.source(), true, decisions.now());
        }
    }

    private static BigInteger maxPrice(PlacementPolicy policy) {
        String max = policy.constraints().maxPrice();
        return max == null || max.isBlank() ? ANY_PRICE : new BigInteger(max.strip());
    }
}
