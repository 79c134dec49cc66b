package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The journal row keeps every state with its time, ends on a terminal one, and keeps reasons the chain can carry. */
class MoveTest {

    @Test
    void everyStateIsRecordedInOrderAndATerminalOneEndsTheMove() {
        Move move = new Move(Side.SOURCE, 7, "0xabc", 2, Instant.now().plusSeconds(600), 10, MoveState.REQUESTED);
        move.to(MoveState.LEAVING, null);
        move.to(MoveState.SEALED, "bafy...");
        assertThat(move.endedAt()).isNull();

        move.to(MoveState.ROLLED_BACK, null);

        assertThat(move.steps()).extracting(MoveStep::state).containsExactly(MoveState.REQUESTED, MoveState.LEAVING,
                MoveState.SEALED, MoveState.ROLLED_BACK);
        assertThat(move.endedAt()).isNotNull();
    }

    @Test
    void aFailedAttemptPutsTheNextOffAndANewStateStartsAfresh() {
        Move move = new Move(Side.TARGET, 7, "0xabc", 2, Instant.now().plusSeconds(600), 10, MoveState.OFFERED);
        move.failedAttempt(Duration.ofSeconds(4));
        move.failedAttempt(Duration.ofSeconds(8));
        assertThat(move.attempts()).isEqualTo(2);
        assertThat(move.nextAttemptAt()).isAfter(Instant.now().plusSeconds(7));

        move.to(MoveState.IMPORTED, null);

        assertThat(move.attempts()).isZero();
        assertThat(move.nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void aReasonIsCutToWhatTheEscrowTakesAndAStrangersControlCharactersAreReplaced() {
        Move move = new Move(Side.TARGET, 7, "0xabc", 2, Instant.now(), 10, MoveState.OFFERED);
        move.because("x".repeat(500));
        assertThat(move.reason()).hasSize(Move.MAX_REASON);
        assertThat(Reasons.clean("bad\u001b[31m\nred")).isEqualTo("bad?[31m?red");
    }
}
