package org.picomesh.directory.engines;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A market written straight into an index for comparing list paths: engines with ties on every sort key, missing
 * measurements, every status, mixed-case and non-ASCII texts, trust lists, a minimum stake and a confirmed head.
 */
final class MarketFixture {
    static final List<String> REGIONS = List.of("eu-west", "EU-West", "us-east", "ap-south", "été-nord", "x_y", "a%b");
    static final long HEAD = 1_000;

    private MarketFixture() {}

    static void fill(JdbcTemplate jdbc, int engines, long seed) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int id = 1; id <= engines; id++) {
            rows.add(row(id, random));
        }
        jdbc.batchUpdate("""
                insert into engine (id, operator, endpoint, did, region, metadata_cid, price_per_hour, latency_ms,
                    capacity, advert_hash, stake, unbonding, slashed, active_leases, registered_block, source_block,
                    source_block_hash, halted, p50_ms_24h, p95_ms_24h, availability_24h)
                values (?, '0x0000000000000000000000000000000000000001', ?, ?, ?, '', ?, ?, ?, '0x', ?, ?, ?, ?, 1, ?,
                    '0x', ?, ?, ?, ?)""", rows);
        jdbc.update("""
                insert into indexer_checkpoint (id, block_number, block_hash, confirmed_block) values (1, ?, '0x', ?)
                on conflict (id) do update set confirmed_block = excluded.confirmed_block""", HEAD + 10, HEAD);
        jdbc.update("""
                insert into market_parameter (name, value, source_block, source_block_hash)
                values ('minStake', 2000000000000000000, 1, '0x')""");
        for (long list = 1; list <= 3; list++) {
            jdbc.update("insert into trust_list (id, curator, name, source_block, source_block_hash) values (?, '0x', ?, 1, '0x')",
                    list, "list " + list);
            jdbc.update("insert into trust_list_engine (list_id, engine_id) select ?, n from generate_series(1, ?) n"
                    + " where n % ? = 0", list, engines, list + 1);
        }
        jdbc.execute("analyze engine");
    }

    private static Object[] row(int id, Random random) {
        String host = switch (random.nextInt(4)) {
            case 0 -> "https://Eu-West-" + id + ".Example.org";
            case 1 -> "https://été-" + id + ".exemple.fr";
            case 2 -> "http://127.0.0.1:" + (3000 + id);
            default -> "https://ENGINE_" + id + ".example.com/a%b";
        };
        BigInteger price = BigInteger.valueOf(1 + random.nextInt(40)).multiply(BigInteger.TEN.pow(9 + random.nextInt(8)));
        BigInteger stake = BigInteger.valueOf(random.nextInt(6)).multiply(BigInteger.TEN.pow(18))
                .add(BigInteger.valueOf(random.nextInt(3)).multiply(BigInteger.TEN.pow(17)));
        Double p50 = random.nextInt(5) == 0 ? null : random.nextBoolean() ? 1 + random.nextInt(20) : random.nextDouble() * 300;
        Double availability = random.nextInt(5) == 0 ? null : random.nextBoolean() ? random.nextInt(5) / 4.0 : random.nextDouble();
        return new Object[] {id, host, random.nextBoolean() ? "did:web:Engine" + id : "did:key:z6Mk" + id,
                REGIONS.get(random.nextInt(REGIONS.size())), price, 5 + random.nextInt(300), random.nextInt(6), stake,
                random.nextInt(8) == 0 ? BigInteger.TEN.pow(17) : BigInteger.ZERO,
                random.nextInt(6) == 0 ? BigInteger.TEN.pow(16) : BigInteger.ZERO, random.nextInt(4),
                HEAD - 50 + random.nextInt(60), random.nextInt(10) == 0, p50, p50 == null ? null : p50 * 2, availability};
    }
}
