package org.picomesh.directory.picos;

import java.time.Instant;
import java.util.List;
import org.picomesh.contracts.placement.PlacementPolicy;

/**
 * What a pico's current host says about it: its placement policy and its placement decisions, newest first. The
 * host is a stranger: nothing here is verified, every string is bounded, and a host that does not answer (or
 * answers nonsense) gives {@code answered = false} with the reason, never an error of this directory.
 *
 * @param source always {@link #SOURCE}: the page says so
 * @param engineId the host asked
 * @param answered whether the host gave a usable report
 * @param problem why not (null when it did): the host did not answer, does not host the pico, or answered nonsense
 * @param policy the pico's policy as the host reports it, validated and with defaults filled (null when none)
 * @param policyProblem why the reported policy is not shown (it is not a valid policy), or null
 * @param decisions the pico's placement decisions, newest first (at most {@link HostReportReader#MAX_DECISIONS})
 * @param decisionsLeftOut decisions in the report that were left out: malformed, or past the limit
 * @param askedAt when the host was asked (reports are reused for a short while)
 */
record HostReport(String source, long engineId, boolean answered, String problem, PlacementPolicy policy,
        String policyProblem, List<Decision> decisions, int decisionsLeftOut, Instant askedAt) {
    static final String SOURCE = "reported by the host, not verified";

    /** One decision: {@code stayed}, {@code moved} or {@code move-requested}, between engines, with its reason. */
    record Decision(Instant at, String kind, String from, String to, String reason) {}

    static HostReport unanswered(long engineId, String problem, Instant askedAt) {
        return new HostReport(SOURCE, engineId, false, problem, null, null, List.of(), 0, askedAt);
    }
}
