package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.directory.support.Directory.await;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.picomesh.directory.probes.EnginesMeasured;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The market's life on a real anvil, as the directory's API shows it once indexed from real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexingIT {
    private static final Duration INDEXED = Duration.ofSeconds(20);
    private TestChain chain;
    private Directory directory;

    @BeforeAll
    void start() throws Exception {
        chain = new TestChain();
        directory = Directory.start(chain.deployment, TestDatabase.fresh(), Map.of());
    }

    @AfterAll
    void stop() {
        if (directory != null) {
            directory.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void indexesAnEnginesWholeLife() throws Exception {
        long id = chain.register(1, SampleAdverts.advert("https://life.example", 1, 3), "2");
        EngineRegistry operator = chain.registry(1);
        operator.updateAdvert(BigInteger.valueOf(id), SampleAdverts.advert("https://life.example/v2", 1, 3)).send();
        operator.addStake(BigInteger.valueOf(id), TestChain.ether("1")).send();
        var opened = chain.registry(4).openChallenge(BigInteger.valueOf(id), TestChain.ether("0.1")).send();
        operator.answerChallenge(chain.registry(4).getChallengeOpenedEvents(opened).get(0).challengeId).send();
        chain.registry(DevAccounts.ARBITER).arbiterSlash(BigInteger.valueOf(id),
                org.web3j.crypto.Hash.sha3("case 7".getBytes(StandardCharsets.UTF_8)), BigInteger.valueOf(1_000),
                "bafkreicase").send();
        operator.setAgent(BigInteger.valueOf(id), DevAccounts.account(7).getAddress()).send();
        operator.requestUnbond(BigInteger.valueOf(id), TestChain.ether("1")).send();

        await("the unbonding to be indexed", INDEXED, () -> directory.get("/api/engines/" + id)
                .path("unbonding").path("value").asString().equals("1000000000000000000"));
        JsonNode engine = directory.get("/api/engines/" + id);
        assertThat(engine.at("/summary/endpoint").asString()).isEqualTo("https://life.example/v2");
        assertThat(engine.at("/summary/stakeWei").asString()).isEqualTo("1700000000000000000");
        assertThat(engine.at("/provenance/stakeWei").asString()).isEqualTo("onchain");
        assertThat(engine.at("/provenance/advertisedLatencyMs").asString()).isEqualTo("advertised");
        assertThat(engine.at("/summary/status").asString()).isEqualTo("unbonding");
        assertThat(engine.at("/slashed/value").asString()).isEqualTo("300000000000000000");
        assertThat(kinds(engine.path("stakeHistory")))
                .containsExactly("EngineRegistered", "StakeAdded", "EngineSlashed", "UnbondRequested");
        assertThat(kinds(engine.path("challenges"))).containsExactly("ChallengeOpened", "ChallengeAnswered");
        assertThat(engine.at("/keys/agent").asString()).isEqualToIgnoringCase(DevAccounts.account(7).getAddress());
        assertThat(engine.at("/keys/payout").asString()).isEqualToIgnoringCase(DevAccounts.account(1).getAddress());
        assertThat(engine.at("/openChallenges").asInt()).isZero();
        assertThat(engine.path("encryptionKey").asString())
                .isEqualTo(org.web3j.utils.Numeric.toHexString(SampleAdverts.encryptionKey(1)));
        assertThat(engine.path("advertHash").asString())
                .isEqualTo(org.web3j.utils.Numeric.toHexString(operator.engine(BigInteger.valueOf(id)).send().advertHash));
    }

    @Test
    void followsAPicosLeaseFromEngineToEngineThroughAPendingMove() throws Exception {
        long a = chain.register(2, SampleAdverts.advert("https://a.example", 2, 2), "1");
        long b = chain.register(3, SampleAdverts.advert("https://b.example", 3, 2), "1");
        var picoKey = SampleAdverts.pico(41);
        chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
        LeaseEscrow pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
        BigInteger anyPrice = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
        pico.openLease(BigInteger.valueOf(a), anyPrice, TestChain.ether("0.01")).send();
        pico.moveLease(BigInteger.valueOf(b), anyPrice).send();

        String did = new PicoDid(chain.deployment.chainId(), picoKey.getAddress()).toString();
        String path = "/api/picos/" + URLEncoder.encode(did, StandardCharsets.UTF_8);
        await("the pending move to be indexed", INDEXED, () -> directory.getRaw(path).statusCode() == 200
                && directory.get(path).at("/current/pendingMove/toEngineId").asLong() == b);
        assertThat(directory.get("/api/engines/" + b).at("/summary/activeLeases").asInt()).as("the held slot").isEqualTo(1);

        chain.escrow(3).acceptMove(pico.currentLease(picoKey.getAddress()).send().id).send();
        await("the acceptance to be indexed", INDEXED, () -> directory.get(path).at("/current/engineId").asLong() == b);
        JsonNode moved = directory.get(path);
        assertThat(moved.path("history")).hasSize(2);
        assertThat(moved.at("/history/0/status").asString()).isEqualTo("moved");
        assertThat(moved.at("/current/endpoint").asString()).isEqualTo("https://b.example");
        assertThat(moved.at("/current/pendingMove").isNull()).isTrue();
        assertThat(kinds(moved.path("moves"))).containsExactly("MoveRequested", "MoveAccepted");
        assertThat(directory.get("/api/engines/" + b).at("/summary/activeLeases").asInt()).isEqualTo(1);
        assertThat(directory.get("/api/engines/" + a).at("/summary/activeLeases").asInt()).isZero();
        assertThat(directory.getRaw("/api/picos/did:key:z6Mk").statusCode()).isEqualTo(400);
    }

    @Test
    void indexesRejectedAndExpiredMovesTopUpsClaimsByTheAgentAndTheClose() throws Exception {
        long a = chain.register(2, SampleAdverts.advert("https://stay.example", 2, 2), "1");
        long b = chain.register(3, SampleAdverts.advert("https://refuses.example", 3, 2), "1");
        chain.registry(2).setAgent(BigInteger.valueOf(a), DevAccounts.account(6).getAddress()).send();
        var picoKey = SampleAdverts.pico(42);
        chain.anvil.call("anvil_setBalance", picoKey.getAddress(), "0x8ac7230489e80000");
        LeaseEscrow pico = chain.as(DevAccounts.DEPLOYER).as(picoKey).escrow(chain.deployment.escrow());
        BigInteger anyPrice = BigInteger.TWO.pow(72).subtract(BigInteger.ONE);
        pico.openLease(BigInteger.valueOf(a), anyPrice, TestChain.ether("0.01")).send();
        BigInteger lease = pico.currentLease(picoKey.getAddress()).send().id;
        chain.escrow(5).topUp(picoKey.getAddress(), TestChain.ether("0.005")).send();
        pico.moveLease(BigInteger.valueOf(b), anyPrice).send();
        chain.escrow(3).rejectMove(lease, "snapshot hash mismatch").send();
        pico.moveLease(BigInteger.valueOf(b), anyPrice).send();
        chain.anvil.increaseTime(Duration.ofMinutes(11));
        chain.escrow(5).expireMove(lease).send();
        chain.escrow(6).claim(BigInteger.valueOf(a), List.of(lease)).send();
        pico.close().send();

        String path = "/api/picos/" + new PicoDid(chain.deployment.chainId(), picoKey.getAddress());
        await("the close to be indexed", INDEXED, () -> directory.getRaw(path).statusCode() == 200
                && directory.get(path).path("current").isNull());
        JsonNode stay = directory.get(path).at("/history/0");
        assertThat(stay.path("status").asString()).isEqualTo("closed");
        assertThat(stay.path("pendingMove").isNull()).isTrue();
        assertThat(new BigInteger(stay.at("/paid/value").asString())).isPositive();
        assertThat(kinds(directory.get(path).path("moves")))
                .containsExactly("MoveRequested", "MoveRejected", "MoveRequested", "MoveExpired");
        assertThat(directory.get(path).at("/moves/1/reason").asString()).isEqualTo("snapshot hash mismatch");
        assertThat(directory.get("/api/engines/" + a).at("/summary/activeLeases").asInt()).isZero();
        assertThat(directory.get("/api/engines/" + b).at("/summary/activeLeases").asInt()).as("the held slot freed").isZero();
        assertThat(directory.get("/api/engines/" + a).at("/keys/agent").asString())
                .isEqualToIgnoringCase(DevAccounts.account(6).getAddress());
    }

    @Test
    void storesHostileAdvertStringsIntactAndServesThemOnlyAsJson() throws Exception {
        String endpoint = "<img src=x onerror=alert(1)>";
        String did = "\"><script>alert('did')</script>";
        EngineRegistry.Advert hostile = new EngineRegistry.Advert(endpoint, did, BigInteger.ONE, BigInteger.TEN,
                BigInteger.ONE, "'; drop table engine; --", "javascript:alert(1)", SampleAdverts.encryptionKey(6));
        long id = chain.register(6, hostile, "1");

        await("the hostile engine to be indexed", INDEXED, () -> directory.getRaw("/api/engines/" + id).statusCode() == 200);
        HttpResponse<String> raw = directory.getRaw("/api/engines/" + id);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(raw.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode engine = directory.get("/api/engines/" + id);
        assertThat(engine.at("/summary/endpoint").asString()).isEqualTo(endpoint);
        assertThat(engine.at("/summary/did").asString()).isEqualTo(did);
        assertThat(engine.at("/summary/region").asString()).isEqualTo("'; drop table engine; --");
        assertThat(directory.jdbc().queryForObject("select count(*) from engine", Long.class)).isPositive();
        JsonNode found = directory.get("/api/engines?q=" + URLEncoder.encode("<img", StandardCharsets.UTF_8));
        assertThat(found.path("engines")).hasSize(1);
    }

    @Test
    void anAdvertWithANulCharacterIsIndexedWithTheReplacementCharacterAndIndexingGoesOn() throws Exception {
        // no PostgreSQL text column takes NUL: stored as is, it would stop the indexer at this advert for good
        EngineRegistry.Advert nul = new EngineRegistry.Advert("https://nul.example/\u0000x", "did:web:nul\u0000",
                BigInteger.ONE, BigInteger.TEN, BigInteger.ONE, "eu\u0000", "", SampleAdverts.encryptionKey(6));
        long id = chain.register(6, nul, "1");
        long after = chain.register(6, SampleAdverts.advert("https://after-nul.example", 1, 3), "1");

        await("the engine after it to be indexed", INDEXED, () -> directory.getRaw("/api/engines/" + after).statusCode() == 200);
        JsonNode engine = directory.get("/api/engines/" + id);
        assertThat(engine.at("/summary/endpoint").asString()).isEqualTo("https://nul.example/\uFFFDx");
        assertThat(engine.at("/summary/did").asString()).isEqualTo("did:web:nul\uFFFD");
        assertThat(engine.at("/summary/region").asString()).isEqualTo("eu\uFFFD");
        String payload = directory.jdbc().queryForObject(
                "select payload::text from chain_event where kind = 'AdvertPublished' and engine_id = ?", String.class, id);
        assertThat(new ObjectMapper().readTree(payload).path("endpoint").asString()).as("the event keeps the string whole")
                .isEqualTo("https://nul.example/\u0000x");
    }

    @Test
    void pagesThroughEveryEngineInOrderOfMeasuredLatencyAndOfAvailability() throws Exception {
        for (int n = 1; n <= 5; n++) {
            chain.register(1 + n % 3, SampleAdverts.advert("https://paged-" + n + ".example", n, 3), "1");
        }
        long head = chain.blockNumber();
        await("the engines to be indexed", INDEXED, () -> directory.bean(IndexerStatus.class).indexed() >= head);
        // measured figures as the prober would have stored them; a few engines not measured yet (null)
        directory.jdbc().update("""
                update engine set p50_ms_24h = case when id % 4 = 0 then null else 10 + (id * 7) % 5 + 0.25 end,
                    availability_24h = case when id % 3 = 0 then null else ((id * 3) % 4) / 4.0 end""");
        List<Long> all = directory.jdbc().queryForList("select id from engine order by id", Long.class);
        // as the prober says once its batch committed: lists are served from memory
        directory.publish(new EnginesMeasured(Set.copyOf(all)));

        for (String sort : List.of("latency", "-latency", "availability", "-availability")) {
            String column = sort.endsWith("latency") ? "coalesce(p50_ms_24h, 1e12)" : "coalesce(availability_24h, -1)";
            List<Long> expected = directory.jdbc().queryForList("select id from engine order by " + column
                    + (sort.startsWith("-") ? " desc, id desc" : ", id"), Long.class);
            List<Long> paged = new java.util.ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = directory.get("/api/engines?limit=2&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor));
                page.get("engines").forEach(e -> paged.add(e.get("id").asLong()));
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asString() : null;
            } while (cursor != null && paged.size() <= all.size());

            assertThat(paged).as(sort).hasSameSizeAs(all).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void answersBadInputWithProblemsAndUnknownIdsWith404() {
        HttpResponse<String> badPrice = directory.getRaw("/api/engines?maxPrice=lots");
        assertThat(badPrice.statusCode()).isEqualTo(400);
        assertThat(badPrice.body()).contains("maxPrice must be a whole number of wei");
        assertThat(directory.getRaw("/api/engines?sort=colour").statusCode()).isEqualTo(400);
        assertThat(directory.getRaw("/api/engines?cursor=garbage").statusCode()).isEqualTo(400);
        assertThat(directory.getRaw("/api/engines?limit=0").statusCode()).isEqualTo(400);
        HttpResponse<String> notANumber = directory.getRaw("/api/engines?limit=lots");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("parameter 'limit' must be a whole number", "not 'lots'");
        assertThat(directory.getRaw("/api/engines/424242").statusCode()).isEqualTo(404);
        assertThat(directory.getRaw("/api/picos/did:pkh:eip155:31337:0x" + "0".repeat(39) + "1").statusCode())
                .isEqualTo(404);
        HttpResponse<String> notAPicoDid = directory.getRaw("/api/picos/did:key:nobody");
        assertThat(notAPicoDid.statusCode()).isEqualTo(400);
        assertThat(notAPicoDid.body()).contains("did:pkh:eip155:<chainId>:<0x address>");
        HttpResponse<String> badPolicy = directory.post("/api/select", "{\"weights\":{\"cost\":-1},\"colour\":1}");
        assertThat(badPolicy.statusCode()).isEqualTo(400);
        assertThat(badPolicy.body()).contains("weights.cost: must have a minimum value of 0").contains("'colour'");
        HttpResponse<String> schema = directory.getRaw("/api/schemas/placement-policy.json");
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("\"sustainedSeconds\"");
        assertThat(directory.post("/api/select", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void selectionRanksCandidatesAndSaysWhyOthersAreExcluded() throws Exception {
        long cheap = chain.register(7, SampleAdverts.advert("https://cheap.example", 1, 4), "1");
        long dear = chain.register(7, SampleAdverts.advert("https://dear.example", 9, 4), "1");
        await("both engines", INDEXED, () -> directory.getRaw("/api/engines/" + dear).statusCode() == 200);

        HttpResponse<String> response = directory.post("/api/select", """
                {"constraints":{"maxPrice":"5000000000000000"},"weights":{"cost":1},"limit":100}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = Directory.json(response);
        List<Long> ranked = result.path("candidates").findValues("id").stream().map(JsonNode::asLong).toList();
        assertThat(ranked).contains(cheap).doesNotContain(dear);
        JsonNode excluded = result.path("excluded").findParents("id").stream()
                .filter(e -> e.path("id").asLong() == dear).findFirst().orElseThrow();
        assertThat(excluded.path("reasons").get(0).asString()).contains("is above the maximum 5000000000000000");
        // beside the words, a code and the figures for programs (the web page writes them in ETH from these)
        JsonNode why = excluded.path("exclusions").get(0);
        assertThat(why.path("code").asString()).isEqualTo("price_above_max");
        assertThat(why.path("limit").asString()).isEqualTo("5000000000000000");
        assertThat(new BigInteger(why.path("value").asString())).isGreaterThan(new BigInteger("5000000000000000"));
        assertThat(result.at("/candidates/0/factors/cost/share").asDouble()).isEqualTo(1.0);
    }

    private static List<String> kinds(JsonNode events) {
        return events.findValues("kind").stream().map(JsonNode::asString).toList();
    }
}
