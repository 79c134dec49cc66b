package org.picomesh.contracts.follow;

import java.util.List;

/** What a {@link LogFollower} found after the caller's checkpoint: new events, a reorganisation, or nothing yet. */
public sealed interface Step {

    /**
     * The market's events in blocks {@code from} to {@code to.number()}, in block and log order. The caller applies
     * them, stores {@code to} as its checkpoint and the {@code blocks}' hashes, all in one transaction.
     *
     * @param blocks the blocks whose hashes the caller keeps to find a common ancestor after a reorganisation:
     *     {@code to} and every block with an event, in ascending order
     */
    record Events(long from, ChainPosition to, List<Located<MarketEvent>> events, List<ChainPosition> blocks)
            implements Step {
        public Events {
            events = List.copyOf(events);
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * The checkpoint left the chain. The caller undoes the effects of every block after {@code to}, forgets their
     * hashes and makes {@code to} its checkpoint, in one transaction; following again then reads the new branch.
     *
     * @param to the newest block the caller stored that is still on the chain (or the block before the start block,
     *     when none is)
     */
    record Rewind(ChainPosition to) implements Step {}

    /** Nothing new is confirmed yet: the node's head is {@code head}. Ask again later. */
    record AtHead(long head) implements Step {}
}
