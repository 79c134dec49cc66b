package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoStatus;

/**
 * A pico moving back while this engine keeps its moved copy: the copy goes only when it is provably the pico's old
 * one and the chain can no longer give the pico back to it; never a pico that runs here, never two live copies.
 */
class MovedCopiesTest {
    private static final List<String> SNAPSHOT_ECIS = List.of("admin-eci", "child-eci");
    private static final PicoStatus MOVED_TO_B = new PicoStatus(true, Optional.of(URI.create("http://b.example")));

    @Test
    void theOldMovedCopyIsDroppedOnceItsMoveIsFinal() {
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), SNAPSHOT_ECIS, copy(MOVED_TO_B), true))
                .isEqualTo(MovedCopies.Verdict.DROP);
    }

    @Test
    void aCopyAlreadyDeletedBeforeACrashOnlyEndsTheEarlierMove() {
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), SNAPSHOT_ECIS, Optional.empty(), true))
                .isEqualTo(MovedCopies.Verdict.FORGET);
    }

    @Test
    void theCopyIsKeptWhileTheEarlierAcceptanceMayStillLeaveTheChain() {
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), SNAPSHOT_ECIS, copy(MOVED_TO_B), false))
                .isEqualTo(MovedCopies.Verdict.WAIT);
    }

    @Test
    void aPicoThatRunsOrOnlyLeavesHereIsNeverDeletedToMakeRoom() {
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), SNAPSHOT_ECIS, copy(PicoStatus.LIVE), true))
                .isEqualTo(MovedCopies.Verdict.KEEP);
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), SNAPSHOT_ECIS,
                copy(new PicoStatus(true, Optional.empty())), true)).isEqualTo(MovedCopies.Verdict.KEEP);
    }

    @Test
    void aCopyThatIsNotTheArrivingPicosIsKept() {
        assertThat(MovedCopies.verdict(earlier(MoveState.MOVED), List.of("someone-else"), copy(MOVED_TO_B), true))
                .as("its admin ECI is not among the snapshot's").isEqualTo(MovedCopies.Verdict.KEEP);
        assertThat(MovedCopies.verdict(earlier(MoveState.DIVERGED), SNAPSHOT_ECIS, copy(MOVED_TO_B), true))
                .as("a diverged move waits for a person").isEqualTo(MovedCopies.Verdict.KEEP);
    }

    private static Move earlier(MoveState state) {
        Move move = new Move(Side.SOURCE, 7, "0xabc", 2, Instant.now().plusSeconds(600), 10, MoveState.REQUESTED);
        move.adminEci("admin-eci");
        move.to(state, null);
        return move;
    }

    private static Optional<Pico> copy(PicoStatus status) {
        return Optional.of(new Pico("id-1", "admin-eci", SNAPSHOT_ECIS, status, List.of("id-2"), List.of()));
    }
}
