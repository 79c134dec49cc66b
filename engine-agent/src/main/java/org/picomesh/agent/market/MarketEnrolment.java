package org.picomesh.agent.market;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.TransactionFailed;
import org.picomesh.agent.migration.Enrollment;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngineException;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Enrolment and the pico's own transactions, as the admin API asks for them: each step is idempotent (the ruleset
 * installed again changes nothing, a pico's key is kept, a pico with a lease opens none), so a retried or repeated
 * {@code pico enroll} finishes what the last one left and does nothing twice.
 */
@Component
class MarketEnrolment {
    private static final Logger log = LoggerFactory.getLogger(MarketEnrolment.class);

    private final PicoEngine engine;
    private final PicoKeys keys;
    private final PicoTransactions transactions;
    private final Enrollment hosted;
    private final ChainConnection chain;
    private final LeaseEscrow escrow;
    private final long engineId;

    MarketEnrolment(PicoEngine engine, PicoKeys keys, PicoTransactions transactions, Enrollment hosted,
            ChainConnection chain, LeaseEscrow escrow, AgentProperties properties) {
        this.engine = engine;
        this.keys = keys;
        this.transactions = transactions;
        this.hosted = hosted;
        this.chain = chain;
        this.escrow = escrow;
        this.engineId = properties.engineId();
    }

    /** Installs the ruleset, gives the pico its key (or keeps the one it has) and records it as hosted here. */
    Map<String, Object> enrol(String eci) {
        Pico pico = engine.find(eci).orElseThrow(() -> new MarketRefusal(HttpStatus.NOT_FOUND, "no pico on this "
                + "engine holds ECI " + eci));
        if (pico.adminEci().equals(engine.root().adminEci())) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, "the root pico is the engine's own: enroll a child");
        }
        if (!pico.status().live()) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + eci + " is moving or has moved: not enrolled");
        }
        PicoKeys.Identity identity = keys.enrol(pico, chain.chainId());
        LeaseEscrow.LeaseView lease = currentLease(identity.address());
        boolean leasedHere = lease.active && lease.engineId.longValueExact() == engineId;
        record(identity.address(), pico.adminEci(), leasedHere ? lease.id.longValueExact() : null);
        log.info("pico {} enrolled as {} ({})", pico.adminEci(), identity.address(), identity.made() ? "key made"
                : "key kept");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pico", identity.address());
        answer.put("did", identity.did().toString());
        answer.put("adminEci", pico.adminEci());
        answer.put("ruleset", MarketRuleset.RID);
        answer.put("key", identity.made() ? "made" : "kept");
        answer.put("leaseId", lease.active ? lease.id.longValueExact() : null);
        answer.put("leaseEngineId", lease.active ? lease.engineId.longValueExact() : null);
        answer.put("engineId", engineId);
        return answer;
    }

    /** The hosted pico opens its first lease, on this engine, from its own account. */
    Map<String, Object> openLease(String address, BigInteger maxPrice, BigInteger deposit) {
        PicoKey key = keyOfHosted(address);
        LeaseEscrow.LeaseView lease = currentLease(address);
        if (lease.active) {
            throw new MarketRefusal(HttpStatus.CONFLICT, "pico " + address + " already has lease " + lease.id
                    + " on engine " + lease.engineId);
        }
        // the follower links the lease to the hosted pico when it sees LeaseOpened, in chain order
        long leaseId = signed("open the lease of pico " + address, () -> transactions.openLease(key, engineId,
                maxPrice, deposit));
        return Map.of("pico", address, "leaseId", leaseId, "engineId", engineId, "deposit", deposit.toString());
    }

    /** The hosted pico asks to move its lease to {@code toEngine}. */
    Map<String, Object> move(String address, long toEngine, BigInteger maxPrice) {
        PicoKey key = keyOfHosted(address);
        String tx = signed("move pico " + address, () -> transactions.moveLease(key, toEngine, maxPrice));
        return Map.of("pico", address, "tx", tx, "toEngineId", toEngine);
    }

    /** Once more when the follower linked a lease to the same row meanwhile (its version moved on). */
    private void record(String address, String adminEci, Long leaseId) {
        try {
            hosted.enroll(address, adminEci, leaseId);
        } catch (OptimisticLockingFailureException e) {
            hosted.enroll(address, adminEci, leaseId);
        }
    }

    PicoKey keyOfHosted(String address) {
        String adminEci = hosted.adminEci(address).orElseThrow(() -> MarketRefusal.notHosted(address));
        Pico pico = engine.find(adminEci).orElseThrow(() -> new MarketRefusal(HttpStatus.GONE, "pico " + address
                + " is no longer on this engine (ECI " + adminEci + ")"));
        try {
            return keys.keyOf(pico, address);
        } catch (PicoEngineException e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the pico's key: " + e.getMessage());
        }
    }

    private LeaseEscrow.LeaseView currentLease(String address) {
        try {
            return escrow.currentLease(address).send();
        } catch (Exception e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the lease of pico " + address
                    + " from the chain: " + e.getMessage());
        }
    }

    private interface Signed<T> {
        T send() throws TransactionFailed;
    }

    private static <T> T signed(String what, Signed<T> call) {
        try {
            return call.send();
        } catch (TransactionFailed.Reverted | TransactionFailed.Refused e) {
            throw new MarketRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "could not " + what + ": " + e.getMessage());
        } catch (TransactionFailed e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "could not " + what + ": " + e.getMessage());
        }
    }
}
