package org.picomesh.directory.picos;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.picomesh.contracts.PicoDid;
import org.picomesh.directory.probes.HostDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes a person's new policy to their pico where it lives now: the host is the current lease's engine, reached at
 * its advertised endpoint (the agent's front door) through the probes' guard. The channel given must open this very
 * pico (its {@code org.picomesh.market} names the pico's DID), then the event {@code market/policy_given} carries the
 * policy and the pico's answer (its agent's verdict) comes back. The ECI goes into the two request paths and nowhere
 * else: not into a log, an answer, or the host-report cache.
 */
@Component
class PolicyCourier {
    private static final Logger log = LoggerFactory.getLogger(PolicyCourier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The pico kept the policy: what its host said, labelled as the host's word. */
    record Passed(String did, long engineId, boolean kept, String message, String source) {}

    private final HostDocuments documents;
    private final HostReports reports;
    private final Semaphore atOnce;

    PolicyCourier(HostDocuments documents, HostReports reports, PicoProperties properties) {
        this.documents = documents;
        this.reports = reports;
        this.atOnce = new Semaphore(Math.max(1, properties.policyChangesAtOnce()));
    }

    /** Gives the pico (living on {@code host}) the policy, or throws a problem saying why it could not. */
    Passed pass(PicoDid pico, PicoHistory.Stay host, PolicyChange change) {
        if (host.endpoint() == null || host.endpoint().isBlank()) {
            throw PolicyNotPassedException.noHost("its host, engine " + host.engineId() + ", advertises no endpoint");
        }
        if (!atOnce.tryAcquire()) {
            throw PolicyNotPassedException.busy();
        }
        try {
            checkChannel(pico, host, change.eci());
            HostVerdicts.Verdict verdict = send(host, change);
            if (!verdict.kept()) {
                throw PolicyNotPassedException.refused("the pico (on engine " + host.engineId() + ") refused the "
                        + "policy: " + verdict.message());
            }
            reports.forget(host.engineId(), host.endpoint(), pico.toString());
            log.info("a new policy for pico {} was kept on engine {}", pico, host.engineId());
            return new Passed(pico.toString(), host.engineId(), true, verdict.message(), HostReport.SOURCE);
        } finally {
            atOnce.release();
        }
    }

    /** The channel must open this pico: a channel of another pico (or of none) would change someone else's policy. */
    private void checkChannel(PicoDid pico, PicoHistory.Stay host, String eci) {
        HostDocuments.Answer answer = documents.get(host.endpoint(), "/sky/cloud/" + eci + "/org.picomesh.market/did");
        if (answer.answered() && answer.status() == 500) {
            // what pico-engine 0.48 answers a query of a ruleset the pico does not have
            throw PolicyNotPassedException.hostFailed("the pico on this channel could not say its DID (HTTP 500 from "
                    + "its host, engine " + host.engineId() + "): is the ruleset org.picomesh.market installed in it?");
        }
        String did;
        try {
            did = HostVerdicts.did(body(answer, host));
        } catch (HostVerdicts.NoVerdictException e) {
            throw PolicyNotPassedException.hostFailed(e.getMessage());
        }
        if (did == null) {
            throw PolicyNotPassedException.refused("the pico on this channel is not enrolled in the market (it has no "
                    + "DID): check the ECI");
        }
        if (!did.equalsIgnoreCase(pico.toString())) {
            throw PolicyNotPassedException.refused("this channel opens another pico, not " + pico
                    + ": give one of this pico's ECIs");
        }
    }

    private HostVerdicts.Verdict send(PicoHistory.Stay host, PolicyChange change) {
        String eid = "directory-policy-" + HexFormat.of().formatHex(bytes(6));
        byte[] event = JSON.writeValueAsBytes(Map.of("policy", change.policy()));
        HostDocuments.Answer answer = documents.post(host.endpoint(),
                "/sky/event/" + change.eci() + "/" + eid + "/market/policy_given", event);
        try {
            return HostVerdicts.verdict(body(answer, host));
        } catch (HostVerdicts.NoVerdictException e) {
            throw PolicyNotPassedException.hostFailed(e.getMessage());
        }
    }

    /** The body of a 200, or the problem its absence means for the person. */
    private static byte[] body(HostDocuments.Answer answer, PicoHistory.Stay host) {
        String engine = "engine " + host.engineId();
        if (!answer.answered()) {
            throw PolicyNotPassedException.hostFailed("its host, " + engine + ", did not answer: " + answer.failure());
        }
        int status = answer.status();
        if (status == 200) {
            return answer.body();
        }
        if (List.of(400, 404).contains(status)) {
            throw PolicyNotPassedException.refused("no pico with the market ruleset answers on this channel at its "
                    + "host, " + engine + " (HTTP " + status + "): check the ECI");
        }
        if (status == 403) {
            throw PolicyNotPassedException.refused("its host, " + engine + ", refused the request (HTTP 403)");
        }
        if (status == 410 || (status >= 300 && status < 400)) {
            throw PolicyNotPassedException.noHost("the pico is moving away from " + engine + " (HTTP " + status
                    + "): try again once the chain shows its new host");
        }
        throw PolicyNotPassedException.hostFailed("its host, " + engine + ", answered HTTP " + status);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
