package org.picomesh.contracts.follow;

import java.util.List;
import org.picomesh.contracts.events.MarketLog;

/** What a {@link LogFollower} found after the caller's checkpoint: new events, a reorganisation, or nothing yet. */
public sealed interface Step {

    /**
     * The market's events in blocks {@code from} to {@code to.number()}, in block and log order. The caller applies
     * them, stores {@code to} as its checkpoint and the {@code blocks}' hashes, all in one transaction.
     *
     * @param logs the events as decoded from the logs (names and arguments as the ABIs give them); {@link #events()}
     *     types them
     * @param blocks the blocks whose hashes the caller keeps to find a common ancestor after a reorganisation:
     *     {@code to} and every block with an event, in ascending order
     * @param head the node's head when the range was read
     * @param prepared what the follower's preparation made of {@code logs} on the thread that read them (null
     *     without one): {@link #prepared(Class)}
     */
    record Events(long from, ChainPosition to, List<MarketLog> logs, List<ChainPosition> blocks, long head,
            Object prepared) implements Step {
        public Events {
            logs = List.copyOf(logs);
            blocks = List.copyOf(blocks);
        }

        /**
         * The events, typed.
         *
         * @throws IllegalArgumentException when an event's arguments are out of their types' range
         */
        public List<Located<MarketEvent>> events() {
            return logs.stream().map(MarketEvents::from).toList();
        }

        /** What the follower's preparation made of the logs, as the type it makes. */
        public <T> T prepared(Class<T> type) {
            return type.cast(prepared);
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
