package org.picomesh.directory.selection;

import java.util.List;
import java.util.Set;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.directory.engines.EngineIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every engine's placement figures, from the in-memory index lists are served from ({@link EngineIndex}): a policy
 * is scored in memory, never with a scan per request, and sees what the indexer committed as lists do.
 */
@Component
class CandidateSnapshot {
    private final EngineIndex index;
    private final JdbcTemplate jdbc;

    CandidateSnapshot(EngineIndex index, JdbcTemplate jdbc) {
        this.index = index;
        this.jdbc = jdbc;
    }

    List<Candidate> engines() {
        return index.candidates();
    }

    /** The engines on a trust list (never cached: curators expect their change to count at once). */
    Set<Long> trusted(long listId) {
        return Set.copyOf(jdbc.queryForList("select engine_id from trust_list_engine where list_id = ?", Long.class, listId));
    }
}
