package org.picomesh.agent.market;

import java.math.BigInteger;
import java.util.Map;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.springframework.stereotype.Component;

/**
 * The market's public face for a hosted pico's own decisions: the pico asks the escrow to move its lease, signed with
 * its market key (read from the pico itself), and the move protocol takes it from the pending move on.
 */
@Component
public class PicoSigner {
    private final MarketEnrolment enrolment;
    private final PolicyLease policyLease;

    PicoSigner(MarketEnrolment enrolment, PolicyLease policyLease) {
        this.enrolment = enrolment;
        this.policyLease = policyLease;
    }

    /**
     * The pico of market address {@code address}, enrolled here without a lease, opens its first lease here on its
     * policy's terms, from its own account (see {@code PolicyLease}); the answer has {@code leaseId}, {@code deposit},
     * {@code maxPrice} and {@code prepaidSeconds}.
     *
     * @throws org.springframework.web.ErrorResponseException with a sentence when the engine's price is above the
     *     policy's maximum, its advert does not match the chain, or the account cannot pay the deposit
     */
    public Map<String, Object> openFirstLease(String address, PlacementPolicy policy) {
        return policyLease.open(address, policy);
    }

    /**
     * The pico of market address {@code address} asks to move its lease to {@code toEngine}; the transaction's hash.
     *
     * @throws org.springframework.web.ErrorResponseException with a sentence when the pico cannot sign or the
     *     escrow refused
     */
    public String askMove(String address, long toEngine, BigInteger maxPrice) {
        return enrolment.move(address, toEngine, maxPrice).get("tx").toString();
    }

    /** Enrols the pico holding {@code eci} (its key, its record here); its market address. */
    public String enrol(String eci) {
        return enrolment.enrol(eci).get("pico").toString();
    }
}
