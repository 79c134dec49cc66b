package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.Await;
import org.picomesh.agent.chain.AgentKey;
import org.picomesh.agent.migration.PicoArrived;
import org.picomesh.agent.migration.PicoArriving;
import org.picomesh.agent.migration.PicoLeaving;
import org.picomesh.agent.migration.PicoMovedAway;
import org.picomesh.agent.migration.PicoStayed;
import org.picomesh.agent.picoengine.Pico;
import org.picomesh.agent.picoengine.PicoEngine;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.PicoEngineProcess;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The front door while a pico moves, with two real agent daemons, each in front of a real pico engine: the migration's
 * events (published here as the migration publishes them, in a transaction) make agent A hold the pico's events, then
 * deliver them to its own engine on a rollback, or replay them to agent B once the pico moved; callers of A still
 * reach the pico on B. Every held event arrives once, in order, even when a replay is repeated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovingPicosIT {
    private static final String JOURNAL = "org.picomesh.test.journal";
    /** With its charset, as the front door reads (and so signs) an event's content type. */
    private static final String FORM = "application/x-www-form-urlencoded;charset=UTF-8";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private AgentMesh mesh;
    private PicoEngineProcess engineB;
    private ConfigurableApplicationContext agentA;
    private ConfigurableApplicationContext agentB;
    private static final String[] SMALL = {"--picomesh.agent.held-events-per-pico=2",
            "--picomesh.agent.held-body-limit=64B", "--picomesh.agent.moved-grace=0s"};
    private TestPicos picosA;
    private ConfigurableApplicationContext smallAgent;
    private java.nio.file.Path smallAgentData;
    private PicoEngine a;
    private PicoEngine b;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
        engineB = PicoEngineProcess.startQuiet(); // it will hold an imported pico, keys included
        agentA = mesh.startAgent(mesh.newDataDir());
        agentB = mesh.startAgent(mesh.newDataDir(), "--picomesh.agent.engine-url=" + engineB.url());
        picosA = new TestPicos(mesh.engine.url());
        try (InputStream krl = MovingPicosIT.class.getResourceAsStream("/picoengine/" + JOURNAL + ".krl")) {
            picosA.post("/api/ruleset/register", Map.of("src", new String(krl.readAllBytes(), StandardCharsets.UTF_8)));
        }
        a = new PicoEngine048(URI.create(mesh.engine.url()), Duration.ofSeconds(5), Duration.ofSeconds(60));
        b = new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
        if (engineB != null) {
            engineB.stop();
        }
    }

    @Test
    void eventsHeldWhileLeavingAreDeliveredHereInOrderOnceWhenThePicoStays() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "stayer", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        publish(agentA, new PicoLeaving(pico.id(), pico.ecis(), 11));
        a.markLeaving(pico);

        for (int n = 1; n <= 5; n++) {
            HttpResponse<String> held = event(agentA, eci, n);
            assertThat(held.statusCode()).as("event %d while leaving", n).isEqualTo(202);
            assertThat(JSON.readTree(held.body()).at("/held/eci").asText()).isEqualTo(eci);
        }
        CompletableFuture<HttpResponse<String>> query = CompletableFuture.supplyAsync(() -> send(HttpRequest
                .newBuilder(agent(agentA, entriesPath(eci))).build()));
        Thread.sleep(500);
        assertThat(query).as("a query waits for the move to settle").isNotDone();

        a.unmarkLeaving(pico);
        publish(agentA, new PicoStayed(pico.id(), pico.ecis(), 11, "move window ran out"));

        HttpResponse<String> answered = query.get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(entries(answered)).as("every held event, once, in order, before the query")
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(event(agentA, eci, 6).statusCode()).as("live again: straight to the engine").isEqualTo(200);
        assertThat(entries(send(get(agent(agentA, entriesPath(eci)))))).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(jdbc(agentA).queryForObject("select count(*) from held_event where pico = ? and delivered_at is "
                + "null", Long.class, pico.id())).isZero();
    }

    @Test
    void aHeldEventRunHereIsNotRunAgainWhenTheAgentDiedBeforeRecordingIt() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "survivor", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        publish(agentA, new PicoLeaving(pico.id(), pico.ecis(), 12));
        a.markLeaving(pico);
        for (int n = 1; n <= 3; n++) {
            assertThat(event(agentA, eci, n).statusCode()).isEqualTo(202);
        }
        a.unmarkLeaving(pico);
        publish(agentA, new PicoStayed(pico.id(), pico.ecis(), 12, "move window ran out"));
        await("the held events to run here", () -> pending(agentA, pico.id()) == 0);

        // the agent died after the engine took the last one and before it recorded that: it sends it again
        jdbc(agentA).update("update held_event set delivered_at = null, delivered_status = null where id = "
                + "(select max(id) from held_event where pico = ?)", pico.id());
        await("the agent to send it again", () -> pending(agentA, pico.id()) == 0);
        assertThat(entries(send(get(agent(agentA, entriesPath(eci)))))).as("each run once, in order")
                .containsExactly("1", "2", "3");
    }

    @Test
    void aMovedPicosHeldEventsAreReplayedToItsNewHostOnceEvenWhenTheReplayIsRepeated() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "mover", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        long lease = openLease(1);
        publish(agentA, new PicoLeaving(pico.id(), pico.ecis(), lease));
        a.markLeaving(pico);
        for (int n = 1; n <= 3; n++) {
            assertThat(event(agentA, eci, n).statusCode()).isEqualTo(202);
        }
        Pico onB = b.importIdempotent(b.root(), a.export(pico)).pico();
        publish(agentB, new PicoArriving(pico.id(), pico.ecis(), lease));
        String firstKey = mesh.engineId + "/" + lease + "/" + firstHeld(agentA, pico.id());
        assertThat(replay(agentB, eci, firstKey, null).statusCode()).as("a replay without signature")
                .isEqualTo(401);
        assertThat(replay(agentB, eci, firstKey, new AgentKey(DevAccounts.account(7))).statusCode())
                .as("a replay signed by another than the source's agent").isEqualTo(403);
        assertThat(keysReceived(agentB, pico.id())).as("B took none of them").isEmpty();

        publish(agentA, new PicoMovedAway(pico.id(), pico.ecis(), lease, agentUrl(agentB)));
        await("A to replay its held events to B", () -> pending(agentA, pico.id()) == 0);
        assertThat(keysReceived(agentB, pico.id())).as("B holds them under A's delivery keys while arriving")
                .containsExactly(firstKey,
                        mesh.engineId + "/" + lease + "/" + (firstHeld(agentA, pico.id()) + 1),
                        mesh.engineId + "/" + lease + "/" + (firstHeld(agentA, pico.id()) + 2));

        b.unmarkLeaving(onB);
        publish(agentB, new PicoArrived(pico.id(), pico.ecis(), lease));
        await(() -> "B to deliver them to its engine: " + lastErrors(agentB, pico.id()),
                () -> pending(agentB, pico.id()) == 0);
        assertThat(entries(send(get(URI.create(engineB.url() + entriesPath(eci)))))).containsExactly("1", "2", "3");

        // A crashed after B answered and before it marked the events delivered: it replays them all again
        jdbc(agentA).update("update held_event set delivered_at = null, delivered_status = null where pico = ?",
                pico.id());
        await("A to replay again", () -> pending(agentA, pico.id()) == 0);
        assertThat(keysReceived(agentB, pico.id())).as("B stored nothing new").hasSize(3);
        assertThat(entries(send(get(URI.create(engineB.url() + entriesPath(eci))))))
                .as("and delivered nothing twice").containsExactly("1", "2", "3");

        HttpResponse<String> redirected = send(get(agent(agentA, entriesPath(eci))));
        assertThat(redirected.statusCode()).isEqualTo(307);
        assertThat(redirected.headers().firstValue("Location")).contains(agentUrl(agentB) + entriesPath(eci));
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThat(entries(following.send(get(agent(agentA, entriesPath(eci))), HttpResponse.BodyHandlers.ofString())))
                .containsExactly("1", "2", "3");

        HttpResponse<String> forwarded = event(agentA, eci, 4);
        assertThat(forwarded.statusCode()).as("a POST to A reaches the pico on B").isEqualTo(200);
        assertThat(JSON.readTree(forwarded.body()).has("directives")).isTrue();
        assertThat(entries(send(get(URI.create(engineB.url() + entriesPath(eci))))))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aLateReplayForAPicoThatMovedOnFromHereIsTakenOnceAndPassedOnToItsNewHost() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "hopper", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        long lease = openLease(1);
        publish(agentA, new PicoLeaving(pico.id(), pico.ecis(), lease));
        a.markLeaving(pico);
        assertThat(event(agentA, eci, 1).statusCode()).isEqualTo(202);
        Pico onB = b.importIdempotent(b.root(), a.export(pico)).pico();
        publish(agentB, new PicoArriving(pico.id(), pico.ecis(), lease));
        b.unmarkLeaving(onB);
        publish(agentB, new PicoArrived(pico.id(), pico.ecis(), lease));
        // B moves it on (to a host C that does not answer yet) before A replays what it held
        long onward = lease + 1_000;
        publish(agentB, new PicoLeaving(pico.id(), pico.ecis(), onward));
        publish(agentB, new PicoMovedAway(pico.id(), pico.ecis(), onward, URI.create("http://127.0.0.1:9/c")));

        publish(agentA, new PicoMovedAway(pico.id(), pico.ecis(), lease, agentUrl(agentB)));
        await(() -> "B to take A's late replay: " + lastErrors(agentA, pico.id()), () -> pending(agentA, pico.id())
                == 0);
        String key = mesh.engineId + "/" + lease + "/" + firstHeld(agentA, pico.id());
        assertThat(keysReceived(agentB, pico.id())).containsExactly(key);
        await("B to pass it on to C", () -> !lastErrors(agentB, pico.id()).isEmpty());
        assertThat(jdbc(agentB).queryForObject("select lease_id from held_event where delivery_key = ?", Long.class,
                key)).as("queued behind the pico's route to C").isEqualTo(onward);

        // A crashed before it marked the replay: it replays again, and B takes nothing twice
        jdbc(agentA).update("update held_event set delivered_at = null, delivered_status = null where pico = ?",
                pico.id());
        await("A to replay again", () -> pending(agentA, pico.id()) == 0);
        assertThat(keysReceived(agentB, pico.id())).hasSize(1);
        assertThat(entries(send(get(URI.create(engineB.url() + entriesPath(eci)))))).as("not run on B").isEmpty();
    }

    @Test
    void picosThatAreNotMovingAreAnsweredByTheEngineWhileAnotherIsHeld() throws Exception {
        String movingEci = picosA.child(picosA.rootEci(), "held", JOURNAL);
        Pico moving = a.find(movingEci).orElseThrow();
        String other = picosA.child(picosA.rootEci(), "bystander", JOURNAL);
        publish(agentA, new PicoLeaving(moving.id(), moving.ecis(), 13));
        long heldBefore = jdbc(agentA).queryForObject("select count(*) from held_event", Long.class);

        HttpResponse<String> answered = event(agentA, other, 1);

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).has("directives")).isTrue();
        assertThat(entries(send(get(agent(agentA, entriesPath(other)))))).containsExactly("1");
        assertThat(jdbc(agentA).queryForObject("select count(*) from held_event", Long.class)).isEqualTo(heldBefore);
        assertThat(event(agentA, movingEci, 1).statusCode()).isEqualTo(202);
    }

    @Test
    void aPicosOwnerRemovesNoOtherPicoAndReachesNoRootChannelThroughTheFrontDoor() throws Exception {
        String victim = picosA.child(picosA.rootEci(), "guarded-victim", JOURNAL);
        String owner = picosA.child(picosA.rootEci(), "guarded-owner");
        String victimId = a.find(victim).orElseThrow().id();
        String parent = picosA.post("/sky/cloud/" + owner + "/io.picolabs.wrangler/parent_eci", Map.of()).asText();
        int children = rootChildren();

        List<HttpResponse<String>> answers = List.of(
                post(agentA, "/sky/event/" + owner + "/x/wrangler/delete_child", "id=" + victimId),
                post(agentA, "/sky/event/" + owner + "/x/wrangler%20/delete_children%09", "id=" + victimId),
                post(agentA, "/sky/event/" + owner + "/x/picomesh%20/status_requested", "pico_id=" + victimId),
                post(agentA, "/sky/event/" + parent + "%20/x/wrangler/new_child_request", "name=stranger"),
                post(agentA, "/sky/cloud/" + owner + "/io.picolabs.wrangler/skyQuery%20.json", ""));

        assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body())
                .isEqualTo(403));
        assertThat(answers.get(3).statusCode()).as("a root channel, trimmed by the engine").isEqualTo(404);
        assertThat(answers.get(4).statusCode()).as("skyQuery, trimmed by the engine").isEqualTo(403);
        assertThat(a.find(victim)).as("the other pico").isPresent();
        assertThat(a.find(victim).orElseThrow().status().live()).isTrue();
        assertThat(rootChildren()).as("the root's children").isEqualTo(children);
    }

    private int rootChildren() {
        return picosA.post("/sky/cloud/" + picosA.rootEci() + "/org.picomesh.mover/picoOf", Map.of("eci",
                picosA.rootEci())).path("children").size();
    }

    private HttpResponse<String> post(ConfigurableApplicationContext agent, String path, String form) {
        return send(HttpRequest.newBuilder(agent(agent, path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @Test
    void aMoveStepThatRolledBackLeavesThePicoLive() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "unmoved", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        agentA.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            agentA.publishEvent(new PicoLeaving(pico.id(), pico.ecis(), 16));
            status.setRollbackOnly(); // the migration's journal step failed
        });

        assertThat(event(agentA, eci, 1).statusCode()).isEqualTo(200);
        assertThat(entries(send(get(agent(agentA, entriesPath(eci)))))).containsExactly("1");
        assertThat(jdbc(agentA).queryForObject("select count(*) from pico_route where pico = ?", Long.class,
                pico.id())).isZero();
    }

    @Test
    void holdsWithinItsBoundsAndKeepsHoldingAcrossARestart() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "bounded", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        ConfigurableApplicationContext small = smallAgent();
        publish(small, new PicoLeaving(pico.id(), pico.ecis(), 14));
        assertThat(event(small, eci, 1).statusCode()).isEqualTo(202);
        assertThat(event(small, eci, 2).statusCode()).isEqualTo(202);
        HttpResponse<String> full = event(small, eci, 3);
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(HttpRequest.newBuilder(agent(small, "/sky/event/" + eci + "/big/journal/entry"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("n=" + "9".repeat(100))).build()).statusCode())
                .as("a body over the limit").isEqualTo(413);

        small.close();
        small = restartSmallAgent();
        assertThat(event(small, eci, 3).statusCode()).as("the route and the held events outlived the agent")
                .isEqualTo(503);

        publish(small, new PicoStayed(pico.id(), pico.ecis(), 14, "rejected"));
        ConfigurableApplicationContext restarted = small;
        await("the held events to be delivered", () -> pending(restarted, pico.id()) == 0);
        assertThat(entries(send(get(agent(small, entriesPath(eci)))))).containsExactly("1", "2");
    }

    @Test
    void aMovedPicoIsGoneOnceTheGracePeriodIsOverWithoutNamingItsNewHost() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "gone", JOURNAL);
        Pico pico = a.find(eci).orElseThrow();
        ConfigurableApplicationContext small = smallAgent(); // its grace period is 0 s
        publish(small, new PicoMovedAway(pico.id(), pico.ecis(), 15, agentUrl(agentB)));
        await("the route to settle", () -> "moved".equals(jdbc(small).queryForObject(
                "select state from pico_route where eci = ?", String.class, eci)));
        assertThat(event(small, eci, 1).statusCode()).isEqualTo(410);
        HttpResponse<String> gone = send(get(agent(small, entriesPath(eci))));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("moved").doesNotContain(agentUrl(agentB).getAuthority());
    }

    @Test
    void deliveredEventsAndSettledRoutesArePurgedAfterTheirRetentionAndALateReplayIsRefused() throws Exception {
        ConfigurableApplicationContext purging = mesh.startAgent(mesh.newDataDir(), "--picomesh.agent.moved-grace=0s",
                "--picomesh.agent.front-door.delivered-retention=0s",
                "--picomesh.agent.front-door.route-retention=0s", "--picomesh.agent.front-door.purge-interval=200ms");
        String stayer = picosA.child(picosA.rootEci(), "purged-stayer", JOURNAL);
        Pico stayed = a.find(stayer).orElseThrow();
        publish(purging, new PicoLeaving(stayed.id(), stayed.ecis(), 21));
        assertThat(event(purging, stayer, 1).statusCode()).isEqualTo(202);
        publish(purging, new PicoStayed(stayed.id(), stayed.ecis(), 21, "rejected"));
        await("the stayed pico's route and delivered event purged", () -> rows(purging, stayed.id()) == 0);
        assertThat(entries(send(get(agent(purging, entriesPath(stayer)))))).containsExactly("1");

        String mover = picosA.child(picosA.rootEci(), "purged-mover", JOURNAL);
        Pico moved = a.find(mover).orElseThrow();
        publish(purging, new PicoMovedAway(moved.id(), moved.ecis(), 22, agentUrl(agentB)));
        await("the moved pico's routes purged", () -> rows(purging, moved.id()) == 0);
        assertThat(send(get(agent(purging, entriesPath(mover)))).statusCode())
                .as("no longer gone (410): its ECIs are the local engine's again").isEqualTo(200);

        String arriver = picosA.child(picosA.rootEci(), "purged-arriver", JOURNAL);
        Pico arrived = a.find(arriver).orElseThrow();
        long lease = openLease(2);
        publish(purging, new PicoArriving(arrived.id(), arrived.ecis(), lease));
        String key = mesh.engineId + "/" + lease + "/1";
        AgentKey source = new AgentKey(DevAccounts.account(AgentMesh.AGENT));
        assertThat(replay(purging, arriver, key, source).statusCode()).isEqualTo(202);
        publish(purging, new PicoArrived(arrived.id(), arrived.ecis(), lease));
        await("the arrived pico's route and replayed event purged", () -> rows(purging, arrived.id()) == 0);
        assertThat(replay(purging, arriver, key, source).statusCode()).as("a late replay of a purged key is refused")
                .isEqualTo(409);
        assertThat(entries(send(get(agent(purging, entriesPath(arriver)))))).as("and not delivered twice")
                .containsExactly("1");
    }

    /** An agent for engine A with room for two held events of at most 64 bytes, and no grace after a move. */
    private synchronized ConfigurableApplicationContext smallAgent() throws Exception {
        if (smallAgent == null || !smallAgent.isActive()) {
            smallAgentData = mesh.newDataDir();
            smallAgent = mesh.startAgent(smallAgentData, SMALL);
        }
        return smallAgent;
    }

    private ConfigurableApplicationContext restartSmallAgent() {
        smallAgent = mesh.startAgent(smallAgentData, SMALL);
        return smallAgent;
    }

    /** A lease of sample pico {@code n} on the mesh's engine: a replay's key must name a real one. */
    private long openLease(int n) throws Exception {
        try {
            var current = mesh.pico(n).currentLease(org.picomesh.contracts.devnet.SampleAdverts.pico(n).getAddress())
                    .send();
            if (current.active) { // opened by another test: the engine has room for few
                return current.id.longValueExact();
            }
        } catch (Exception e) {
            // no lease yet
        }
        var opened = mesh.pico(n).openLease(BigInteger.valueOf(mesh.engineId), BigInteger.TWO.pow(72),
                AgentMesh.ether("0.01")).send();
        return mesh.pico(n).getLeaseOpenedEvents(opened).get(0).leaseId.longValueExact();
    }

    /** A journal/entry (n=1) replayed to {@code agent} under {@code key}, signed by {@code signer} (if any). */
    private HttpResponse<String> replay(ConfigurableApplicationContext agent, String eci, String key, AgentKey signer) {
        String path = "/sky/event/" + eci + "/replayed/journal/entry";
        byte[] body = "n=1".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(agent(agent, path)).header("Content-Type", FORM)
                .header(DeliveryReceiver.HEADER, key).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) {
            ReplaySignatures signing = new ReplaySignatures(signer, agent.getBean(ChainConnection.class),
                    agent.getBean(LeaseEscrow.class), agent.getBean(EngineRegistry.class));
            request.header(ReplaySignatures.HEADER, signing.sign(DeliveryKey.parse(key), eci,
                    new SkyRequest("POST", path, null, FORM, body)));
        }
        return send(request.build());
    }

    private static long rows(ConfigurableApplicationContext agent, String pico) {
        return jdbc(agent).queryForObject("select (select count(*) from held_event where pico = ?) "
                + "+ (select count(*) from pico_route where pico = ?)", Long.class, pico, pico);
    }

    private static void publish(ConfigurableApplicationContext agent, Object event) {
        agent.getBean(TransactionTemplate.class).executeWithoutResult(status -> agent.publishEvent(event));
    }

    private HttpResponse<String> event(ConfigurableApplicationContext agent, String eci, int n) {
        return send(HttpRequest.newBuilder(agent(agent, "/sky/event/" + eci + "/e" + n + "/journal/entry"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("n=" + n)).build());
    }

    private static String entriesPath(String eci) {
        return "/sky/cloud/" + eci + "/" + JOURNAL + "/entries";
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).build();
    }

    private static URI agentUrl(ConfigurableApplicationContext agent) {
        return URI.create("http://127.0.0.1:" + AgentMesh.port(agent));
    }

    private static URI agent(ConfigurableApplicationContext agent, String path) {
        return URI.create(agentUrl(agent) + path);
    }

    private static List<String> entries(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        JSON.readTree(response.body()).forEach(entry -> entries.add(entry.asText()));
        return entries;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext agent) {
        return agent.getBean(JdbcTemplate.class);
    }

    private static long pending(ConfigurableApplicationContext agent, String pico) {
        return jdbc(agent).queryForObject("select count(*) from held_event where pico = ? and delivered_at is null",
                Long.class, pico);
    }

    private static List<String> lastErrors(ConfigurableApplicationContext agent, String pico) {
        return jdbc(agent).queryForList("select last_error from held_event where pico = ? and last_error is not null",
                String.class, pico);
    }

    private static long firstHeld(ConfigurableApplicationContext agent, String pico) {
        return jdbc(agent).queryForObject("select min(id) from held_event where pico = ?", Long.class, pico);
    }

    private static List<String> keysReceived(ConfigurableApplicationContext agent, String pico) {
        return jdbc(agent).queryForList("select delivery_key from held_event where pico = ? and delivery_key is not "
                + "null order by id", String.class, pico);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(() -> what, condition);
    }

    private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        Await.until(BOUND, what, condition);
    }
}
