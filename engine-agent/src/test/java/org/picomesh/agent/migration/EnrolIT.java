package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.operator.CliRun;
import org.picomesh.agent.picoengine.TestPicos;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * {@code pico enroll} through the command line, with real engines behind their agents, anvil and PostgreSQL: the pico
 * gets its market key (its address and DID shown), the owner funds it, and its first lease is opened from its own
 * account; the key never comes out of the front door; enrolling again pays nothing twice; the agent signs the pico's
 * move, and the agent it moved to signs for it afterwards (it moves the pico back).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("market key made: address (0x[0-9a-f]{40}), DID "
            + "(did:pkh:eip155:31337:0x[0-9a-f]{40})");
    private MoveMesh moves;
    private TestPicos picosA;
    private TestPicos picosB;
    private Credentials owner;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh();
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosA.registerCounter();
        owner = account("10");
    }

    @AfterAll
    void stop() throws Exception {
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void anEnrolledPicoPaysItsLeaseFromItsOwnAccountAndItsAgentsSignItsMovesThereAndBack() throws Exception {
        String eci = counter("enrolled", 3);
        BigInteger ownerBefore = balance(owner.getAddress());

        CliRun enrolled = enroll(eci, owner);

        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
        Matcher made = ADDRESS.matcher(enrolled.out());
        assertThat(made.find()).as(enrolled.out()).isTrue();
        String pico = made.group(1);
        assertThat(made.group(2)).isEqualTo("did:pkh:eip155:31337:" + pico);
        assertThat(enrolled.out()).contains("installed org.picomesh.market in pico", "funded: ",
                "opened on engine " + moves.mesh.engineId + " from the pico's account", "pico " + pico + " enrolled");
        var lease = moves.mesh.pico(1).currentLease(pico).send();
        assertThat(lease.active).isTrue();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.mesh.engineId);
        assertThat(lease.pico).isEqualToIgnoringCase(pico);
        assertThat(ownerBefore.subtract(balance(owner.getAddress()))).as("the owner paid for it")
                .isGreaterThan(lease.deposit);
        assertThat(frontDoor(moves.a.url(), eci, "org.picomesh.market", "did").body()).contains(made.group(2));

        CliRun again = enroll(picosA.channel(eci, "another"), owner);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("market key kept: address " + pico, "already enrolled: lease " + lease.id)
                .doesNotContain("funded: ");
        assertThat(moves.mesh.pico(1).currentLease(pico).send().id).isEqualTo(lease.id);

        CliRun there = move(pico, moves.engineB_id, moves.a.url());
        assertThat(there.exitCode()).as(there.toString()).isZero();
        assertThat(there.out()).contains("the pico lives on engine " + moves.engineB_id);
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        assertThat(picosB.count(eci)).isEqualTo(3);
        picosB.tick(eci);
        await("A to delete its moved copy", () -> moves.a.state(pico).equals("DONE"));

        CliRun wrongAgent = move(pico, moves.mesh.engineId, moves.a.url());
        assertThat(wrongAgent.exitCode()).isNotZero();
        assertThat(wrongAgent.err()).as("A no longer hosts it: the chain says whose agent to ask").contains(
                "does not host pico " + pico, "per the chain it lives on engine " + moves.engineB_id);

        CliRun back = move(pico, moves.mesh.engineId, moves.b.url());
        assertThat(back.exitCode()).as("B signs with the key that came in the snapshot: " + back).isZero();
        await("the pico to be live on A again", () -> moves.a.state(pico).equals("LIVE"));
        assertThat(picosA.count(eci)).isEqualTo(4);
        assertThat(moves.mesh.pico(1).currentLease(pico).send().engineId.longValueExact())
                .isEqualTo(moves.mesh.engineId);
    }

    @Test
    void thePicosMarketKeyNeverComesOutOfTheFrontDoor() throws Exception {
        String eci = counter("secret", 1);
        CliRun enrolled = enroll(eci, owner);
        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
        Matcher made = ADDRESS.matcher(enrolled.out());
        assertThat(made.find()).isTrue();
        String key = keyOnLoopback(eci);
        assertThat(Credentials.create(key).getAddress()).as("the pico holds its account's key").isEqualTo(made.group(1));
        String a = moves.a.url();
        String root = picosA.rootEci();
        String parent = frontDoor(a, eci, "io.picolabs.wrangler", "parent_eci").body().replace("\"", "");
        String id = picosA.post("/sky/cloud/" + root + "/org.picomesh.mover/picoOf", Map.of("eci", eci)).path("id")
                .asText();
        String entvar = "/org.picomesh.mover/entvar?pico_id=" + id + "&rid=org.picomesh.market&name=market_key";
        List<HttpResponse<String>> answers = new ArrayList<>();

        answers.add(frontDoor(a, eci, "org.picomesh.market", "market_key"));
        answers.add(frontDoor(a, eci, "org.picomesh.market", "address"));
        answers.add(get(a + "/sky/cloud/" + root + entvar));
        answers.add(get(a + "/sky/cloud/" + parent + entvar));
        answers.add(get(a + "/sky/cloud/%" + Integer.toHexString(root.charAt(0)) + root.substring(1) + entvar));
        answers.add(get(a + "/sky/cloud/" + eci + "/io.picolabs.wrangler/skyQuery?eci=" + parent
                + "&mod=org.picomesh.mover&func=entvar&_host=" + enc(moves.mesh.engine.url()) + "&params="
                + enc("{\"pico_id\":\"" + id + "\",\"rid\":\"org.picomesh.market\",\"name\":\"market_key\"}")));
        answers.add(post(a + "/sky/event/" + eci + "/x/picomesh/market_key_given", "key=0x" + "1".repeat(64)
                + "&address=0x" + "2".repeat(40) + "&did=did:pkh:eip155:31337:0x" + "2".repeat(40)));
        answers.add(post(a + "/sky/event/" + root + "/x/picomesh/status_requested", "pico_id=" + id));
        answers.add(post(a + "/sky/event/" + eci + "/x/counter/tick", ""));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.body().toLowerCase(Locale.ROOT))
                .doesNotContain(key.substring(2)));
        assertThat(answers.get(0).statusCode()).as("no function shares the key").isNotEqualTo(200);
        assertThat(answers.get(1).body()).contains(made.group(1));
        assertThat(parent).as("wrangler shares a root channel").isNotBlank().isNotEqualTo(root);
        assertThat(answers.subList(2, 5)).as("the root pico's ECIs, escaped or not, are not forwarded")
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(404));
        assertThat(answers.get(5).statusCode()).as("skyQuery is not forwarded").isEqualTo(403);
        assertThat(answers.subList(6, 8)).as("the agent's own event domain is not forwarded")
                .allSatisfy(answer -> assertThat(answer.statusCode()).isIn(403, 404));
        assertThat(answers.get(8).statusCode()).as("the pico's own events still are").isEqualTo(200);
        assertThat(keyOnLoopback(eci)).as("the key was not replaced").isEqualTo(key);
        assertThat(picosA.count(eci)).isEqualTo(2);
    }

    @Test
    void enrollingAnUnknownEciOrWithAPoorOwnerSaysWhyAndAnotherEnrollFinishesTheJob() throws Exception {
        CliRun unknown = enroll("NoSuchEci0000000000000", owner);
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no pico on this engine holds ECI NoSuchEci0000000000000");

        String eci = counter("poor", 0);
        Credentials poor = account("0.0001");
        CliRun refused = enroll(eci, poor);
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("the owner's account " + poor.getAddress(), "nothing sent");
        Matcher made = ADDRESS.matcher(refused.out());
        assertThat(made.find()).as("the pico has its key already").isTrue();
        assertThat(moves.mesh.pico(1).currentLease(made.group(1)).send().active).isFalse();

        CliRun finished = enroll(eci, owner);
        assertThat(finished.exitCode()).as(finished.toString()).isZero();
        assertThat(finished.out()).contains("market key kept: address " + made.group(1), "funded: ", "opened on");
        assertThat(moves.mesh.pico(1).currentLease(made.group(1)).send().active).isTrue();
    }

    @Test
    void enrollingWithAPolicyLeasesOnItsTermsAndThePicoKeepsItAMalformedOneStopsEverythingFirst() throws Exception {
        String eci = counter("placed", 1);
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("policy", ".json");
        java.nio.file.Files.writeString(bad, "{\"weights\": {\"cost\": -1}}");
        BigInteger ownerBefore = balance(owner.getAddress());
        CliRun refused = enroll(eci, owner, "--policy", bad.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("is not a valid placement policy", "weights.cost", "nothing paid");
        assertThat(refused.out()).as("not even the key made").doesNotContain("market key");
        assertThat(balance(owner.getAddress())).isEqualTo(ownerBefore);

        java.nio.file.Path good = java.nio.file.Files.createTempFile("policy", ".json");
        // six hours prepaid, at most twice the sample price: the lease is opened on these terms
        java.nio.file.Files.writeString(good, "{\"constraints\": {\"maxPrice\": \"2000000000000000\"},"
                + " \"weights\": {\"cost\": 1}, \"prepaidSeconds\": 21600}");
        CliRun enrolled = enroll(eci, owner, "--policy", good.toString());
        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
        Matcher made = ADDRESS.matcher(enrolled.out());
        assertThat(made.find()).as(enrolled.out()).isTrue();
        assertThat(enrolled.out()).contains("funded: ", "by its policy (at most 2000000000000000 wei an hour, 21600 s",
                "policy kept by pico");
        var lease = moves.mesh.pico(1).currentLease(made.group(1)).send();
        assertThat(lease.active).isTrue();
        assertThat(lease.deposit).as("six hours at the price the lease locked")
                .isGreaterThanOrEqualTo(lease.pricePerHour.multiply(BigInteger.valueOf(6)));
        CliRun shown = CliRun.run(Map.of(), "pico", "policy", made.group(1), "--show", "--agent", moves.a.url());
        assertThat(shown.out()).as("the pico keeps it").contains("\"maxPrice\":\"2000000000000000\"",
                "\"prepaidSeconds\":21600");
    }

    /** A pico with the counter at {@code ticks}, a child of A's root; its ECI. */
    private String counter(String name, int ticks) {
        String eci = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        for (int i = 0; i < ticks; i++) {
            picosA.tick(eci);
        }
        return eci;
    }

    private CliRun enroll(String eci, Credentials by, String... more) {
        List<String> args = new ArrayList<>(List.of("pico", "enroll", eci, "--deployment", deployment(), "--agent",
                moves.a.url()));
        args.addAll(List.of(more));
        return CliRun.run(Map.of("PICOMESH_OWNER_KEY", hex(by)), args.toArray(String[]::new));
    }

    private CliRun move(String pico, long to, String agent) {
        return CliRun.run(Map.of(), "pico", "move", pico, "--to", String.valueOf(to), "--deployment", deployment(),
                "--agent", agent);
    }

    /** The pico's market key as the agent reads it: on the engine's loopback, from the root pico. */
    private String keyOnLoopback(String eci) {
        String root = picosA.rootEci();
        String id = picosA.post("/sky/cloud/" + root + "/org.picomesh.mover/picoOf", Map.of("eci", eci)).path("id")
                .asText();
        JsonNode key = picosA.post("/sky/cloud/" + root + "/org.picomesh.mover/entvar", Map.of("pico_id", id, "rid",
                "org.picomesh.market", "name", "market_key"));
        return key.asText();
    }

    private Credentials account(String ether) throws Exception {
        Credentials account = Credentials.create(Keys.createEcKeyPair());
        moves.mesh.anvil.call("anvil_setBalance", account.getAddress(), Numeric.toHexStringWithPrefix(
                AgentMesh.ether(ether)));
        return account;
    }

    private BigInteger balance(String address) throws Exception {
        try (var chain = org.picomesh.contracts.ChainConnection.readOnly(moves.mesh.anvil.rpcUrl())) {
            return chain.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        }
    }

    private String deployment() {
        return moves.mesh.state.resolve("deployment.json").toString();
    }

    private HttpResponse<String> frontDoor(String agent, String eci, String rid, String function) throws Exception {
        return get(agent + "/sky/cloud/" + eci + "/" + rid + "/" + function);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String hex(Credentials key) {
        return Numeric.toHexStringNoPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64);
    }
}
