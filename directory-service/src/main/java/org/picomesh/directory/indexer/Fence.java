package org.picomesh.directory.indexer;

import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The fencing token of this instance's turn as the indexer. The advisory lock alone cannot stop an instance whose
 * lock session died while a write of its own was under way on another connection: the next instance takes the
 * lock and the late write would commit over its progress. Each turn takes the next token, and every checkpoint
 * write {@link #check checks} it within its transaction, locking the token's row until the commit: a takeover's
 * increment waits for such a write to end, and once the increment is in, every older token is refused.
 */
@Component
class Fence {
    private final JdbcTemplate jdbc;
    private volatile OptionalLong token = OptionalLong.empty();

    Fence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts a new turn: the next token, which refuses every earlier one from now on. */
    long take() {
        long next = jdbc.queryForObject("update indexer_fence set token = token + 1 where id = 1 returning token",
                Long.class);
        token = OptionalLong.of(next);
        return next;
    }

    /**
     * Within the transaction that writes the checkpoint: throws {@link FencedOffException} unless this instance's
     * turn is still the current one. An instance driven without the lock (tests step it directly) takes its turn
     * on its first write.
     */
    void check() {
        long mine = token.isPresent() ? token.getAsLong() : take();
        // locked until the commit; waits for a takeover under way, then reads the token it left
        long current = jdbc.queryForObject("select token from indexer_fence where id = 1 for update", Long.class);
        if (current != mine) {
            throw new FencedOffException(mine, current);
        }
    }
}
