package org.picomesh.directory.indexer;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rewinds the market's parameters and trust lists: rows that change rarely and hold the value of their latest event.
 * Those the dropped blocks changed are re-derived from their latest kept event at or below the ancestor, found
 * through small partial indexes; lists created above it are deleted with their members.
 */
@Component
class RareRows {
    private final NamedParameterJdbcTemplate jdbc;

    RareRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Before the events above {@code ancestor} are deleted: they name what changed. Returns whether any parameter
     * or trust list was re-derived or deleted.
     */
    boolean rewind(long ancestor) {
        var above = new MapSqlParameterSource("block", ancestor);
        List<String> names = jdbc.queryForList("""
                select distinct payload->>'name' from chain_event
                where block_number > :block and kind = 'ParameterChanged'""", above, String.class);
        names.forEach(hex -> parameter(hex, ancestor));
        List<Map<String, Object>> pairs = jdbc.queryForList("""
                select distinct engine_id, payload->>'listId' as list from chain_event
                where block_number > :block and kind = 'TrustListChanged'""", above);
        int lists = jdbc.update("delete from trust_list where source_block > :block", above);
        pairs.forEach(pair -> membership((String) pair.get("list"), ((Number) pair.get("engine_id")).longValue(),
                ancestor));
        return !names.isEmpty() || !pairs.isEmpty() || lists > 0;
    }

    private void parameter(String hex, long ancestor) {
        var name = new MapSqlParameterSource("name", Projector.parameterName(hex)).addValue("hex", hex)
                .addValue("block", ancestor);
        jdbc.update("delete from market_parameter where name = :name", name);
        jdbc.update("""
                insert into market_parameter (name, value, source_block, source_block_hash)
                select :name, (payload->>'newValue')::numeric, block_number, block_hash from chain_event
                where kind = 'ParameterChanged' and payload->>'name' = :hex and block_number <= :block
                order by block_number desc, log_index desc limit 1""", name);
    }

    private void membership(String list, long engine, long ancestor) {
        var pair = new MapSqlParameterSource("list", Long.parseLong(list)).addValue("listText", list)
                .addValue("engine", engine).addValue("block", ancestor);
        jdbc.update("delete from trust_list_engine where list_id = :list and engine_id = :engine", pair);
        jdbc.update("""
                insert into trust_list_engine (list_id, engine_id)
                select :list, :engine from (
                    select payload->>'trusted' as trusted from chain_event
                    where kind = 'TrustListChanged' and engine_id = :engine and payload->>'listId' = :listText
                        and block_number <= :block
                    order by block_number desc, log_index desc limit 1) latest
                where latest.trusted = 'true'""", pair);
    }
}
