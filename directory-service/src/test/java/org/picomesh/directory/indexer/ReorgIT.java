package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import org.web3j.protocol.core.DefaultBlockParameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A reorganisation (anvil snapshot and revert, then other transactions) leaves no phantom behind. */
class ReorgIT {
    @Test
    void aReorgThatRemovesAnAcceptanceLeavesTheMovePending() throws Exception {
        try (TestChain chain = new TestChain();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
            long a = chain.register(1, SampleAdverts.advert("https://source.example", 1, 5), "1");
            long b = chain.register(2, SampleAdverts.advert("https://target.example", 2, 5), "1");
            var picoKey = SampleAdverts.pico(51);
            chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
            LeaseEscrow pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
            BigInteger anyPrice = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
            pico.openLease(BigInteger.valueOf(a), anyPrice, TestChain.ether("0.01")).send();
            pico.moveLease(BigInteger.valueOf(b), anyPrice).send();
            BigInteger lease = pico.currentLease(picoKey.getAddress()).send().id;
            String path = "/api/picos/" + new PicoDid(chain.deployment.chainId(), picoKey.getAddress());

            Object snapshot = chain.anvil.call("evm_snapshot");
            chain.escrow(2).acceptMove(lease).send();
            await("the acceptance to be indexed", Duration.ofSeconds(20), () -> directory.getRaw(path).statusCode() == 200
                    && directory.get(path).at("/current/engineId").asLong() == b);

            chain.anvil.call("evm_revert", snapshot);
            chain.anvil.call("evm_mine");
            chain.anvil.call("evm_mine");
            // the rewind may go below the move's request, which is then indexed again: wait for the whole state
            await("the reorg to undo the acceptance", Duration.ofSeconds(20),
                    () -> directory.get(path).at("/current/engineId").asLong() == a
                            && directory.get(path).at("/current/pendingMove/toEngineId").asLong() == b);
            JsonNode moved = directory.get(path);
            assertThat(moved.at("/current/pendingMove/toEngineId").asLong()).as(moved.toString()).isEqualTo(b);
            assertThat(moved.path("history")).hasSize(1);
            assertThat(directory.get("/api/engines/" + b).at("/summary/activeLeases").asInt()).as("the held slot").isEqualTo(1);
            assertThat(directory.get("/api/engines/" + a).at("/summary/activeLeases").asInt()).isEqualTo(1);
        }
    }

    @Test
    void dropsTheAbandonedChainsEnginesAndAppliesTheReplacingTransactions() throws Exception {
        try (TestChain chain = new TestChain();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
            long kept = chain.register(1, SampleAdverts.advert("https://kept.example", 1, 5), "1");
            Object snapshot = chain.anvil.call("evm_snapshot");
            long phantom = chain.register(2, SampleAdverts.advert("https://phantom.example", 2, 5), "1");
            await("the phantom to be indexed", Duration.ofSeconds(20),
                    () -> directory.getRaw("/api/engines/" + phantom).statusCode() == 200);

            chain.anvil.call("evm_revert", snapshot);
            long replacement = chain.register(3, SampleAdverts.advert("https://replacement.example", 3, 5), "2");
            chain.anvil.call("evm_mine");

            assertThat(replacement).isEqualTo(phantom); // the same id, now another engine
            await("the replacing engine to be indexed", Duration.ofSeconds(20), () -> directory
                    .get("/api/engines/" + replacement).at("/summary/endpoint").asString().equals("https://replacement.example"));
            assertThat(directory.jdbc().queryForObject(
                    "select count(*) from chain_event where payload::text like '%phantom%'", Long.class)).isZero();
            assertThat(directory.get("/api/engines?q=phantom").path("engines")).isEmpty();
            assertThat(directory.get("/api/engines/" + kept).at("/summary/endpoint").asString()).isEqualTo("https://kept.example");
            assertThat(directory.get("/api/stats").path("engines").asLong()).isEqualTo(2);

            List<Map<String, Object>> rows = directory.jdbc().queryForList("select distinct block_number, block_hash from chain_event");
            for (Map<String, Object> row : rows) {
                String onNode = chain.as(0).web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                        java.math.BigInteger.valueOf((Long) row.get("block_number"))), false).send().getBlock().getHash();
                assertThat(row.get("block_hash")).as("block %s", row.get("block_number")).isEqualTo(onNode);
            }
        }
    }

    @Test
    void aReorgOfAdvertsStakesAndALeaseLeavesWhatAFreshIndexOfTheNewChainHas() throws Exception {
        try (TestChain chain = new TestChain();
                Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
            List<IndexRebuilt> rebuilds = new ArrayList<>();
            directory.listen(IndexRebuilt.class, rebuilds::add);
            long a = chain.register(1, SampleAdverts.advert("https://a.example", 1, 5), "1");
            long b = chain.register(2, SampleAdverts.advert("https://b.example", 2, 5), "1");
            var picoKey = SampleAdverts.pico(52);
            chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
            LeaseEscrow pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
            pico.openLease(BigInteger.valueOf(a), BigInteger.TWO.pow(72).subtract(BigInteger.ONE),
                    TestChain.ether("0.01")).send();
            String picoPath = "/api/picos/" + new PicoDid(chain.deployment.chainId(), picoKey.getAddress());
            await("the lease to be indexed", Duration.ofSeconds(20), () -> directory.getRaw(picoPath).statusCode() == 200);

            Object snapshot = chain.anvil.call("evm_snapshot");
            EngineRegistry operatorA = chain.registry(1);
            operatorA.updateAdvert(BigInteger.valueOf(a), SampleAdverts.advert("https://a-dropped.example", 1, 9)).send();
            chain.registry(2).addStake(BigInteger.valueOf(b), TestChain.ether("5")).send();
            pico.topUp(picoKey.getAddress(), TestChain.ether("0.02")).send();
            long phantom = chain.register(3, SampleAdverts.advert("https://phantom.example", 3, 5), "1");
            await("the abandoned changes to be indexed", Duration.ofSeconds(20), () -> directory
                    .getRaw("/api/engines/" + phantom).statusCode() == 200 && directory.get("/api/engines/" + a)
                    .at("/summary/endpoint").asString().equals("https://a-dropped.example"));
            LISTS.forEach(directory::get); // orders in use: the lists after the reorg follow from these

            chain.anvil.call("evm_revert", snapshot);
            chain.registry(2).updateAdvert(BigInteger.valueOf(b), SampleAdverts.advert("https://b-kept.example", 2, 7))
                    .send();
            operatorA.addStake(BigInteger.valueOf(a), TestChain.ether("3")).send();
            for (int n = 0; n < 4; n++) {
                chain.anvil.call("evm_mine");
            }
            await("the new chain to be indexed", Duration.ofSeconds(20), () -> directory.getRaw("/api/engines/" + phantom)
                    .statusCode() == 404 && directory.get("/api/engines/" + b).at("/summary/endpoint").asString()
                    .equals("https://b-kept.example") && checkpoint(directory).equals(head(chain)));
            assertThat(directory.get("/api/engines/" + a).at("/summary/endpoint").asString()).isEqualTo("https://a.example");
            assertThat(rebuilds).as("undone, not rebuilt").isEmpty();

            try (Directory fresh = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
                await("a fresh index of the new chain", Duration.ofSeconds(30),
                        () -> checkpoint(fresh).equals(checkpoint(directory)));
                for (String table : DERIVED) {
                    assertThat(rows(directory, table)).as(table).isEqualTo(rows(fresh, table));
                }
                assertThat(fromTheChain(directory.get(picoPath))).isEqualTo(fromTheChain(fresh.get(picoPath)));
                for (String list : LISTS) { // b's dropped stake was the market's highest: every score moved back
                    assertThat(listed(directory, list)).as(list).isEqualTo(listed(fresh, list));
                }
                for (long engine : List.of(a, b)) {
                    for (String field : List.of("/summary/endpoint", "/summary/stake", "/summary/activeLeases",
                            "/summary/capacity")) {
                        assertThat(directory.get("/api/engines/" + engine).at(field))
                                .as("engine %d %s", engine, field).isEqualTo(fresh.get("/api/engines/" + engine).at(field));
                    }
                }
            }
        }
    }

    /**
     * A backfill far below the head keeps undo images only above the node's finalized block (anvil's lags its head
     * by 64 blocks): none for the final blocks beneath, which no reorganisation can drop, and a reorganisation of the
     * blocks above is still undone from them, not rebuilt.
     */
    @Test
    void aBackfillKeepsUndoImagesAboveTheFinalizedBlockOnlyAndStillUndoesAReorgAboveIt() throws Exception {
        try (TestChain chain = new TestChain()) {
            long early = chain.register(1, SampleAdverts.advert("https://early.example", 1, 5), "1");
            chain.anvil.call("anvil_mine", "0xc8");
            Object snapshot = chain.anvil.call("evm_snapshot");
            long late = chain.register(2, SampleAdverts.advert("https://late.example", 2, 5), "1");
            try (Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of())) {
                List<IndexRebuilt> rebuilds = new ArrayList<>();
                directory.listen(IndexRebuilt.class, rebuilds::add);
                await("the backfill", Duration.ofSeconds(30),
                        () -> directory.getRaw("/api/engines/" + late).statusCode() == 200);
                long finalized = chain.as(0).web3j().ethGetBlockByNumber(
                        org.web3j.protocol.core.DefaultBlockParameterName.FINALIZED, false).send().getBlock()
                        .getNumber().longValueExact();
                var jdbc = directory.jdbc();
                assertThat(jdbc.queryForObject("select count(*) from engine_undo where block_number <= ?", Long.class,
                        finalized)).as("images of final blocks").isZero();
                assertThat(jdbc.queryForObject("select count(*) from engine_undo where id = ?", Long.class, late))
                        .as("the late registration's image").isEqualTo(1);

                chain.anvil.call("evm_revert", snapshot);
                chain.anvil.call("evm_mine");
                chain.anvil.call("evm_mine");
                await("the late registration to be dropped", Duration.ofSeconds(20),
                        () -> directory.getRaw("/api/engines/" + late).statusCode() == 404
                                && checkpoint(directory).equals(head(chain)));
                assertThat(directory.get("/api/engines/" + early).at("/summary/endpoint").asString())
                        .isEqualTo("https://early.example");
                assertThat(rebuilds).as("undone, not rebuilt").isEmpty();
            }
        }
    }

    /** Lists in each chain-derived order, as a user pages them. */
    private static final List<String> LISTS = List.of("/api/engines?sort=-score", "/api/engines?sort=stake",
            "/api/engines?sort=-price", "/api/engines?sort=capacity");

    /** Each listed engine's id, stake, endpoint and free capacity, in the list's order. */
    private static List<String> listed(Directory directory, String list) {
        List<String> engines = new ArrayList<>();
        directory.get(list).path("engines").forEach(engine -> engines.add(engine.path("id").asLong() + " "
                + engine.path("stakeWei").asString() + " " + engine.path("endpoint").asString() + " "
                + engine.path("freeCapacity").asLong()));
        return engines;
    }

    /** Every table derived from the chain, as queries over the chain's columns (not the measured ones). */
    private static final List<String> DERIVED = List.of(
            "select " + EngineRows.COLUMNS + " from engine order by id",
            "select * from lease order by id",
            "select * from market_parameter order by name",
            "select * from trust_list order by id",
            "select * from trust_list_engine order by list_id, engine_id");

    private static String checkpoint(Directory directory) {
        return directory.jdbc().queryForList("select block_number || ' ' || block_hash from indexer_checkpoint",
                String.class).stream().findFirst().orElse("");
    }

    private static String head(TestChain chain) {
        try {
            var block = chain.as(0).web3j().ethGetBlockByNumber(
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock();
            return block.getNumber() + " " + block.getHash();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The query's rows, bytea columns as hex (arrays compare by identity in a map). */
    private static List<Map<String, Object>> rows(Directory directory, String query) {
        return directory.jdbc().queryForList(query).stream().map(row -> {
            Map<String, Object> comparable = new java.util.LinkedHashMap<>(row);
            comparable.replaceAll((column, value) -> value instanceof byte[] bytes
                    ? java.util.HexFormat.of().formatHex(bytes) : value);
            return comparable;
        }).toList();
    }

    /** A pico's answer without its host's report, which is asked of the host (with its own time), not indexed. */
    private static JsonNode fromTheChain(JsonNode pico) {
        ObjectNode copy = (ObjectNode) pico.deepCopy();
        copy.remove("host");
        return copy;
    }
}
