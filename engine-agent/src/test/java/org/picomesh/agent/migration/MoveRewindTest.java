package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a reorganisation does to a move: undoes what the dropped blocks said, and never gives up a copy of the pico
 * that may hold its newest state.
 */
class MoveRewindTest {
    private static final MoveRewind.Dropped REQUEST = new MoveRewind.Dropped(true, false, false);
    private static final MoveRewind.Dropped ACCEPTANCE = new MoveRewind.Dropped(false, true, false);
    private static final MoveRewind.Dropped REQUEST_AND_ACCEPTANCE = new MoveRewind.Dropped(true, true, false);
    private static final MoveRewind.Dropped END = new MoveRewind.Dropped(false, false, true);

    @Test
    void onlyEventsInBlocksAfterTheCommonAncestorAreDropped() {
        var dropped = MoveRewind.Dropped.after(10, 10, 11L, null);
        assertThat(dropped).isEqualTo(ACCEPTANCE);
        assertThat(MoveRewind.Dropped.after(10, 9, null, 10L).any()).isFalse();
    }

    @Test
    void aSourceWhoseRequestLeftTheChainBeforeAnyAcceptanceRollsBack() {
        for (MoveState state : new MoveState[] {MoveState.REQUESTED, MoveState.LEAVING, MoveState.SEALED,
            MoveState.OFFERED}) {
            assertThat(MoveRewind.after(Side.SOURCE, state, REQUEST)).as(state.name()).isEqualTo(
                    MoveState.ROLLING_BACK);
        }
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.ROLLED_BACK, REQUEST)).isEqualTo(MoveState.ROLLED_BACK);
    }

    @Test
    void aTargetWhoseRequestLeftTheChainDiscardsWhatItImportedWithoutRejecting() {
        assertThat(MoveRewind.after(Side.TARGET, MoveState.AWAITING_OFFER, REQUEST)).isEqualTo(MoveState.DISCARDING);
        assertThat(MoveRewind.after(Side.TARGET, MoveState.IMPORTED, REQUEST)).isEqualTo(MoveState.DISCARDING);
        assertThat(MoveRewind.after(Side.TARGET, MoveState.REJECTED, REQUEST)).isEqualTo(MoveState.REJECTED);
    }

    @Test
    void aDroppedAcceptanceSendsTheTargetBackToAcceptingAndLeavesTheSourceWhereItIs() {
        assertThat(MoveRewind.after(Side.TARGET, MoveState.LIVE, ACCEPTANCE)).isEqualTo(MoveState.ACCEPTING);
        assertThat(MoveRewind.after(Side.TARGET, MoveState.ACCEPTED, ACCEPTANCE)).isEqualTo(MoveState.ACCEPTING);
        assertThat(MoveRewind.after(Side.TARGET, MoveState.ACCEPTING, ACCEPTANCE)).isEqualTo(MoveState.ACCEPTING);
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.MOVED, ACCEPTANCE)).as("never runs its copy again")
                .isEqualTo(MoveState.MOVED);
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.ACCEPTED, ACCEPTANCE)).isEqualTo(MoveState.ACCEPTED);
    }

    @Test
    void aMoveWhoseRequestAndAcceptanceBothLeftTheChainDivergesOnSidesThatSawTheAcceptance() {
        assertThat(MoveRewind.after(Side.TARGET, MoveState.LIVE, REQUEST_AND_ACCEPTANCE))
                .as("the target's copy may be the newest: held, not discarded").isEqualTo(MoveState.DIVERGED);
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.MOVED, REQUEST_AND_ACCEPTANCE))
                .as("the source's copy is older: kept marked moved, not run").isEqualTo(MoveState.DIVERGED);
    }

    @Test
    void aDroppedEndIsSentAgainByTheTargetAndTheSourceKeepsItsRollBack() {
        assertThat(MoveRewind.after(Side.TARGET, MoveState.REJECTED, END)).isEqualTo(MoveState.REJECTING);
        assertThat(MoveRewind.after(Side.TARGET, MoveState.DISCARDING, END)).isEqualTo(MoveState.REJECTING);
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.ROLLED_BACK, END)).isEqualTo(MoveState.ROLLED_BACK);
        assertThat(MoveRewind.after(Side.SOURCE, MoveState.ROLLING_BACK, END)).isEqualTo(MoveState.ROLLING_BACK);
    }

    @Test
    void aMoveUndoneOpensAgainWithItsStepsAndBlocksKept() {
        Move move = new Move(Side.TARGET, 7, "0xabc", 2, Instant.now().plusSeconds(600), 12, MoveState.AWAITING_OFFER);
        move.to(MoveState.ACCEPTED, "lease 9", 14L);
        move.to(MoveState.LIVE, null);
        assertThat(move.endedAt()).isNotNull();

        move.to(MoveState.ACCEPTING, MoveRewind.why(ACCEPTANCE, 13), null);

        assertThat(move.endedAt()).as("due again for the worker").isNull();
        assertThat(move.steps()).extracting(MoveStep::blockNumber).containsExactly(12L, 14L, null, null);
        assertThat(move.steps().get(3).detail()).isEqualTo("the acceptance left the chain (reorganisation back to "
                + "block 13)");
        assertThat(move.reached(MoveState.LIVE)).isTrue();
    }
}
