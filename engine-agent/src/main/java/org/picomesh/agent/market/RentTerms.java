package org.picomesh.agent.market;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** How far ahead each hosted pico's policy pays its rent, kept when its lease was opened by policy. */
@Component
class RentTerms {
    private final JdbcTemplate jdbc;

    RentTerms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void setPrepaid(String pico, long seconds) {
        jdbc.update("""
                insert into pico_rent (pico, prepaid_seconds) values (?, ?)
                on conflict (pico) do update set prepaid_seconds = excluded.prepaid_seconds, set_at = now()""",
                pico, seconds);
    }

    /** The pico's prepaid period, or {@code otherwise} when its policy never said. */
    long prepaid(String pico, long otherwise) {
        List<Long> kept = jdbc.queryForList("select prepaid_seconds from pico_rent where pico = ?", Long.class, pico);
        return kept.isEmpty() ? otherwise : kept.get(0);
    }
}
