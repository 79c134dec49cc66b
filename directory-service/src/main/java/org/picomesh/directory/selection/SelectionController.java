package org.picomesh.directory.selection;

import java.math.BigInteger;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where should this pico live? Ranked candidates with each factor's share, and the excluded with reasons. */
@RestController
class SelectionController {
    private final NamedParameterJdbcTemplate jdbc;

    SelectionController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/api/select")
    Selector.Result select(@RequestBody(required = false) PlacementPolicy policy) {
        PlacementPolicy valid = (policy == null ? new PlacementPolicy(null, null, null, null, null, null) : policy).validated();
        Long list = valid.constraints().trustList();
        List<Candidate> engines = jdbc.query("""
                select id, status, endpoint, region, price_per_hour, stake, free_capacity, latency_ms, p50_ms_24h,
                    availability_24h, id in (select engine_id from trust_list_engine where list_id = :list) as trusted
                from engine_listing order by id""", new MapSqlParameterSource("list", list == null ? -1 : list),
                (rs, n) -> new Candidate(rs.getLong("id"), rs.getString("status"), rs.getString("endpoint"),
                        rs.getString("region"), integer(rs.getBigDecimal("price_per_hour")),
                        integer(rs.getBigDecimal("stake")), rs.getLong("free_capacity"), rs.getLong("latency_ms"),
                        rs.getObject("p50_ms_24h", Double.class), rs.getObject("availability_24h", Double.class),
                        rs.getBoolean("trusted")));
        return Selector.select(engines, valid);
    }

    private static BigInteger integer(java.math.BigDecimal value) {
        return value.toBigIntegerExact();
    }
}
