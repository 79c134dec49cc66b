package org.picomesh.directory.picos;

import java.util.List;
import org.picomesh.directory.api.BadRequestException;
import org.picomesh.directory.api.Metric;
import org.picomesh.directory.api.NotFoundException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a pico lives now and where it lived, from its leases on the chain. */
@RestController
class PicoController {
    record Stay(long leaseId, long engineId, String endpoint, String status, Metric deposit, Metric pricePerHour,
            long openedBlock, Long endedBlock, Long movedToLease, String payer, boolean confirmed) {}

    record Pico(String did, Stay current, List<Stay> history) {}

    private final NamedParameterJdbcTemplate jdbc;

    PicoController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/picos/{did}")
    Pico pico(@PathVariable String did) {
        if (did.isBlank() || did.length() > 256) {
            throw new BadRequestException("a pico DID is 1 to 256 characters");
        }
        List<Stay> stays = jdbc.query("""
                select l.*, e.endpoint, l.source_block <= c.block as confirmed
                from lease l left join engine e on e.id = l.engine_id, confirmed_head c
                where l.pico_did = :did order by l.opened_block, l.id""", new MapSqlParameterSource("did", did),
                (rs, n) -> new Stay(rs.getLong("id"), rs.getLong("engine_id"), rs.getString("endpoint"),
                        rs.getString("status"), Metric.onchain(rs.getBigDecimal("deposit").toPlainString(), "wei"),
                        Metric.onchain(rs.getBigDecimal("price_per_hour").toPlainString(), "wei/pico-hour"),
                        rs.getLong("opened_block"), rs.getObject("ended_block", Long.class),
                        rs.getObject("moved_to", Long.class), rs.getString("payer"), rs.getBoolean("confirmed")));
        if (stays.isEmpty()) {
            throw new NotFoundException("no lease on the chain names the pico " + did);
        }
        Stay current = stays.stream().filter(s -> s.status().equals("active")).reduce((a, b) -> b).orElse(null);
        return new Pico(did, current, stays);
    }
}
