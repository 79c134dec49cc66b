package org.picomesh.directory.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.picomesh.directory.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An engine's page reads its history through the partial index the schema keeps for it: with the kinds as
 * literals PostgreSQL can prove the query stays within the indexed kinds. Were it to stop doing so, each engine's
 * page would read every event of the market.
 */
class EngineHistoryIndexIT {
    @Test
    void anEnginesHistoryIsReadThroughItsIndexAmongManyEvents() {
        TestDatabase.Database database = TestDatabase.fresh();
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).load().migrate();
        SingleConnectionDataSource connection = new SingleConnectionDataSource(database.url(), database.user(),
                database.password(), true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(connection);
            // 1,000 engines with 60 events each: registrations, adverts, listings and stake
            jdbc.update("""
                    insert into chain_event (block_number, log_index, block_hash, tx_hash, kind, engine_id, payload)
                    select n / 10, n % 10, '0xb', '0x7', (array['EngineRegistered', 'AdvertPublished', 'EngineListed',
                        'StakeAdded'])[1 + n % 4], n / 60, '{}' from generate_series(0, 59999) n""");
            jdbc.execute("analyze chain_event");

            for (List<String> kinds : List.of(EngineDetails.STAKE_EVENTS, EngineDetails.CHALLENGE_EVENTS)) {
                String plan = String.join("\n", jdbc.queryForList("explain " + EngineDetails.historyQuery(kinds)
                        .replace(":id", "7"), String.class));
                assertThat(plan).as(plan).contains("chain_event_engine_history").doesNotContain("Seq Scan on chain_event");
            }
            assertThat(jdbc.queryForList(EngineDetails.historyQuery(EngineDetails.STAKE_EVENTS).replace(":id", "7")))
                    .hasSize(30).allSatisfy(event -> assertThat(event.get("confirmed")).isEqualTo(false));
        } finally {
            connection.destroy();
        }
    }
}
