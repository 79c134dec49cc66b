package org.picomesh.directory.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.web3j.protocol.Web3j;

/** Where the market lives and its parameters as indexed: what a wallet needs to send a registration. */
@RestController
class MarketController {
    record Market(long chainId, String registry, String escrow, Map<String, String> parameters) {}

    private final MarketContracts market;
    private final JdbcTemplate jdbc;
    private final Web3j web3j;
    private volatile Long chainId;

    MarketController(MarketContracts market, JdbcTemplate jdbc, Web3j web3j) {
        this.market = market;
        this.jdbc = jdbc;
        this.web3j = web3j;
    }

    @GetMapping("/api/market")
    Market market() throws Exception {
        Map<String, String> parameters = new TreeMap<>();
        List<Map<String, Object>> rows = jdbc.queryForList("select name, value from market_parameter");
        rows.forEach(row -> parameters.put((String) row.get("name"), ((BigDecimal) row.get("value")).toPlainString()));
        return new Market(chainId(), market.registry(), market.escrow(), parameters);
    }

    private long chainId() throws Exception {
        if (chainId == null) {
            chainId = market.chainId() != 0 ? market.chainId() : web3j.ethChainId().send().getChainId().longValueExact();
        }
        return chainId;
    }
}
