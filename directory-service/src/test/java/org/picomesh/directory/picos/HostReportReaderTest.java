package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A host is a stranger: its report is checked for the pico asked about, its policy against the schema, every field. */
class HostReportReaderTest {
    private static final String DID = "did:pkh:eip155:31337:0x00000000000000000000000000000000000000aa";
    private static final Instant NOW = Instant.parse("2026-12-01T18:00:00Z");

    private static HostReport read(String json) {
        return HostReportReader.read(7, DID, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void readsThePolicyAndTheDecisionsNewestFirst() {
        HostReport report = read("""
                {"did": "%s", "policy": {"constraints": {"maxPrice": "2000000000000000", "regions": ["us-east"]},
                  "weights": {"cost": 3, "latency": 1}, "moves": {"maxMoves": 2}},
                 "decisions": [
                  {"at": "2026-12-01T17:00:00Z", "kind": "moved", "from": "0x01", "to": "0x02", "reason": "cheaper"},
                  {"at": "2026-12-01T16:00:00+01:00", "kind": "stayed", "from": null, "to": null, "reason": "best"}]}
                """.formatted(DID));
        assertThat(report.answered()).isTrue();
        assertThat(report.source()).isEqualTo("reported by the host, not verified");
        assertThat(report.policy().constraints().maxPrice()).isEqualTo("2000000000000000");
        assertThat(report.policy().moves().maxMoves()).isEqualTo(2);
        assertThat(report.policy().moves().cooldownSeconds()).as("a default filled").isEqualTo(600L);
        assertThat(report.decisions()).extracting(HostReport.Decision::kind).containsExactly("moved", "stayed");
        assertThat(report.decisions().get(1).at()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(report.decisions().get(0).reason()).isEqualTo("cheaper");
    }

    @Test
    void aReportForAnotherPicoOrNotJsonIsNoReport() {
        assertThat(read("{\"did\": \"did:pkh:eip155:31337:0x00000000000000000000000000000000000000bb\"}").problem())
                .isEqualTo("the host answered for another pico");
        assertThat(read("<html>hello</html>").problem()).isEqualTo("the host's answer is not JSON");
        assertThat(read("[1, 2]").answered()).isFalse();
    }

    @Test
    void anInvalidPolicyIsNotShownAndSaysWhy() {
        HostReport report = read("{\"did\": \"%s\", \"policy\": {\"weights\": {\"cost\": -1}, \"x\": 1}, \"decisions\": []}"
                .formatted(DID));
        assertThat(report.answered()).isTrue();
        assertThat(report.policy()).isNull();
        assertThat(report.policyProblem()).startsWith("the host reported a policy that is not valid: ")
                .hasSizeLessThanOrEqualTo(HostReportReader.MAX_PROBLEM);
    }

    @Test
    void hostileDecisionsAreLeftOutShortenedOrBlanked() {
        String longReason = "é".repeat(1000);
        HostReport report = read("""
                {"did": "%s", "policy": null, "decisions": [
                  {"at": "yesterday", "kind": "moved", "reason": "no time"},
                  {"at": "2026-12-01T17:00:00Z", "kind": "<script>", "reason": "no kind"},
                  {"at": "2026-12-01T17:00:00Z", "kind": "move-requested", "from": "javascript:alert(1)", "to": 12,
                   "reason": "%s"}]}""".formatted(DID, longReason));
        assertThat(report.policy()).isNull();
        assertThat(report.policyProblem()).isNull();
        assertThat(report.decisionsLeftOut()).isEqualTo(2);
        HostReport.Decision kept = report.decisions().get(0);
        assertThat(kept.from()).isNull();
        assertThat(kept.to()).isEqualTo("12");
        assertThat(kept.reason()).hasSize(HostReportReader.MAX_REASON).endsWith("…");
    }

    @Test
    void atMostFiftyDecisionsAreKept() {
        String one = "{\"at\": \"2026-12-01T17:00:00Z\", \"kind\": \"stayed\", \"reason\": \"ok\"}";
        HostReport report = read("{\"did\": \"%s\", \"decisions\": [%s]}"
                .formatted(DID, String.join(",", java.util.Collections.nCopies(80, one))));
        assertThat(report.decisions()).hasSize(HostReportReader.MAX_DECISIONS);
        assertThat(report.decisionsLeftOut()).isEqualTo(30);
    }
}
