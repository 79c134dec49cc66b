package org.picomesh.agent.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.placement.MoveGate;

class DecisionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReasonLongerThan300CharactersIsCutAndTheRecordReadsBackFromThePicosState() throws Exception {
        Decision made = new Decision(Instant.parse("2026-12-01T18:00:00Z"), Decision.MOVED, 1L, 2L, "x".repeat(400),
                Decision.BY_DIRECTORY);
        assertThat(made.reason()).hasSize(300).endsWith("...");

        Decision read = Decision.read(JSON.valueToTree(made.attrs()));

        assertThat(read).isEqualTo(made);
        assertThat(read.source()).as("whose ranking it came from travels with it").isEqualTo("directory");
    }

    @Test
    void oddFieldsInThePicosStateBecomeNullNotErrors() throws Exception {
        Decision read = Decision.read(JSON.readTree("{\"at\": \"yesterday\", \"kind\": \"stayed\", \"from\": \"-1\","
                + " \"to\": {\"a\": 1}, \"reason\": \"why\", \"source\": \"" + "s".repeat(50) + "\"}"));

        assertThat(read).isEqualTo(new Decision(null, "stayed", null, null, "why", "s".repeat(20)));
    }

    @Test
    void aDecisionRecordedBeforeSourcesWereKeptReadsWithAnEmptySource() throws Exception {
        Decision read = Decision.read(JSON.readTree("{\"at\": \"2026-12-01T18:00:00Z\", \"kind\": \"moved\","
                + " \"from\": \"1\", \"to\": \"2\", \"reason\": \"cheaper\"}"));

        assertThat(read.source()).isEmpty();
        assertThat(read.to()).isEqualTo(2L);
    }

    @Test
    void theGatesStateSurvivesItsRow() {
        GateRow row = new GateRow("0x" + "a".repeat(40));
        var state = new MoveGate.State(2L, Instant.parse("2026-12-01T18:00:00Z"), List.of(
                Instant.parse("2026-12-01T17:00:00Z"), Instant.parse("2026-12-01T17:30:00.123Z")));

        row.remember(state, "waiting", Instant.now());

        assertThat(row.state()).isEqualTo(state);
        assertThat(row.lastReason()).isEqualTo("waiting");
    }

    @Test
    void aRolledBackMoveLeavesTheBudgetAndTheOtherMovesStay() {
        GateRow row = new GateRow("0x" + "a".repeat(40));
        Instant kept = Instant.parse("2026-12-01T17:00:00Z");
        Instant rolledBack = Instant.parse("2026-12-01T17:30:00.123Z");
        row.remember(new MoveGate.State(null, null, List.of(kept, rolledBack)), "moving", Instant.now());

        row.forget(rolledBack, Instant.now());

        assertThat(row.state().moves()).containsExactly(kept);
        assertThat(row.lastReason()).isEqualTo("moving");
    }

    @Test
    void everyKindFitsThePicosTwentyCharacters() {
        for (String kind : List.of(Decision.STAYED, Decision.MOVING, Decision.MOVED, Decision.ROLLED_BACK,
                Decision.REQUESTED, Decision.LEASE_OPENED)) {
            Decision made = new Decision(Instant.parse("2026-12-01T18:00:00Z"), kind, 1L, 2L, "why", "chain");
            assertThat(Decision.read(JSON.valueToTree(made.attrs()))).isEqualTo(made);
        }
    }
}
