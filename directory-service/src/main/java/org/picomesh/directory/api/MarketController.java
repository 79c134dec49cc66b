package org.picomesh.directory.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.picomesh.directory.chain.ChainIdentity;
import org.picomesh.directory.chain.MarketContracts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Where the market lives and its parameters as indexed: what a wallet needs to send a registration. Amounts are
 * decimal strings of wei (or seconds, or basis points), addresses 0x-prefixed hex like everywhere in this API.
 */
@RestController
class MarketController {
    /** Parameters the registry keeps as uint160 addresses in its uint256 parameter events. */
    private static final Set<String> ADDRESSES = Set.of("treasury");

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
        rows.forEach(row -> parameters.put((String) row.get("name"),
                shown((String) row.get("name"), (BigDecimal) row.get("value"))));
        return new Market(chain.chainId(), market.registry(), market.escrow(), parameters);
    }

    private static String shown(String name, BigDecimal value) {
        if (!ADDRESSES.contains(name)) {
            return value.toPlainString();
        }
        return Keys.toChecksumAddress(Numeric.toHexStringWithPrefixZeroPadded(value.toBigIntegerExact(), 40));
    }
}
