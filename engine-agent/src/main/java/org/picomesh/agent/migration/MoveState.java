package org.picomesh.agent.migration;

/**
 * Where a move stands on one side; each state names the next action, so a restart knows what to do from the journal
 * and the chain alone. Source: REQUESTED -> LEAVING -> SEALED -> OFFERED -> ACCEPTED -> MOVED -> DONE, or
 * ROLLING_BACK -> ROLLED_BACK. Target: AWAITING_OFFER -> OFFERED -> IMPORTING -> IMPORTED -> ACCEPTING -> ACCEPTED ->
 * LIVE, or REJECTING / DISCARDING -> REJECTED. Either side: DIVERGED, when a reorganisation took back an acceptance
 * that could not be mined again (see {@link MoveRewind}).
 */
public enum MoveState {
    /** Source: the chain asked for the move; next: find the pico's ECIs and record that it leaves. */
    REQUESTED(false),
    /** Source: recorded leaving (traffic held); next: mark it leaving on the engine, export and seal. */
    LEAVING(false),
    /** Source: sealed and stored under the CID; next: offer it to the target. */
    SEALED(false),
    /** Source: the target took the offer; waiting for the chain. Target: an offer is recorded; next: fetch, import. */
    OFFERED(false),
    /**
     * Target: the acceptance is sent and was mined; waiting for the follower to see it in a block (only what the
     * follower recorded can be undone when a reorganisation drops its block). Next: none while the lease is here on
     * the chain; while the move is pending again (its acceptance left the chain), mark the pico leaving and accept
     * again.
     */
    ACCEPTING(false),
    /**
     * Source: acceptance mined; next: mark the pico moved. Target: the follower saw the acceptance; next: let the
     * pico run.
     */
    ACCEPTED(false),
    /** Source: marked moved; next: delete the copy once the grace period is over and the acceptance is final. */
    MOVED(false),
    /** Source: the copy is deleted. */
    DONE(true),
    /** Source: rejected, expired or cancelled on the chain; next: let the pico run here again. */
    ROLLING_BACK(false),
    /** Source: the pico lives here again. */
    ROLLED_BACK(true),
    /** Target: the chain has a move to this engine; waiting for the source's offer. */
    AWAITING_OFFER(false),
    /**
     * Target: the snapshot's ECIs are recorded (no pico here held any); next: import idempotently and check. Whatever
     * holds those ECIs from here on came from this move: a failed or cut-short import is found by them and deleted.
     */
    IMPORTING(false),
    /** Target: imported and checked, leaving; next: accept on the chain. */
    IMPORTED(false),
    /** Target: the pico runs here. */
    LIVE(true),
    /** Target: something failed; next: delete what was imported and reject on the chain. */
    REJECTING(false),
    /** Target: the move ended on the chain without acceptance; next: delete what was imported. */
    DISCARDING(false),
    /** Target: refused or over; nothing of the pico is left here. */
    REJECTED(true),
    /**
     * Either side: an acceptance this side had seen left the chain with a reorganisation, and then the move ended
     * without it (its window ran out before it could be mined again) or its request left the chain too. The chain
     * puts the pico on the source, but the target holds the newer state: the source keeps its copy marked moved (it
     * never runs the older state again) and the target keeps its copy with its traffic held. Nothing is deleted
     * and nothing runs until a person decides (logged as an error, counted in {@code picomesh.agent.moves.diverged},
     * shown by {@code pico status} and {@code pico moves}); moving the lease to the target again is the way out.
     */
    DIVERGED(true);

    private final boolean terminal;

    MoveState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
