package org.picomesh.directory.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.picomesh.directory.chain.ChainIdentity;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the market lives and its parameters as indexed: what a wallet needs to send a registration. */
@RestController
class MarketController {
    record Market(long chainId, String registry, String escrow, Map<String, String> parameters) {}

    private final MarketContracts market;
    private final JdbcTemplate jdbc;
    private final ChainIdentity chain;

    MarketController(MarketContracts market, JdbcTemplate jdbc, ChainIdentity chain) {
        this.market = market;
        this.jdbc = jdbc;
        this.chain = chain;
    }

    @GetMapping("/api/market")
    Market market() {
        Map<String, String> parameters = new TreeMap<>();
        List<Map<String, Object>> rows = jdbc.queryForList("select name, value from market_parameter");
        rows.forEach(row -> parameters.put((String) row.get("name"), ((BigDecimal) row.get("value")).toPlainString()));
        return new Market(chain.chainId(), market.registry(), market.escrow(), parameters);
    }
}
