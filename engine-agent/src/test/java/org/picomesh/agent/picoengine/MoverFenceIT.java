package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.PicoEngineProcess;

/**
 * The root pico's {@code org.picomesh.mover} acts for the agent only (issue 12). Every hosted pico descends from the
 * root, and wrangler gives each child a channel to its parent: a hostile ruleset in a child of the root can
 * {@code event:send} the agent's own events there. And a pico owner can install any registered ruleset in their own
 * pico, the mover included, with a wrangler event the front door forwards.
 */
class MoverFenceIT extends OnTwoEngines {
    private static final String ROGUE = "org.picomesh.test.rogue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BARRIER = Duration.ofSeconds(30);
    /** The mover's check; an older build's mover had none. */
    private static final String FENCE = "engine:getParent(meta:picoId).isnull()"
            + " && meta:eci == engine:getAdminECI(meta:picoId)";

    @BeforeAll
    static void registerRulesets() {
        picosA.registerCounter();
        picosA.register(ROGUE);
        picosB.register(ROGUE);
        picosB.registerCounter();
    }

    @Test
    void aChildsEventsToItsParentMarkLeaveRemoveAndInstallNothing() throws Exception {
        String victim = picosA.child(picosA.rootEci(), "status-victim", TestPicos.COUNTER);
        String rogue = picosA.child(picosA.rootEci(), "status-rogue", ROGUE);
        String id = a.find(victim).orElseThrow().id();

        forge(picosA, rogue, "status_requested", Map.of("pico_id", id, "leaving", "true", "moved_to", ""));
        forge(picosA, rogue, "status_requested", Map.of("pico_id", id, "leaving", "false", "moved_to",
                "http://thief.example"));
        forge(picosA, rogue, "rulesets_install_requested", Map.of("pico_id", id, "rids", "[\"" + ROGUE + "\"]"));
        forge(picosA, rogue, "removal_requested", Map.of("pico_id", id));
        forge(picosA, rogue, "leave_requested", Map.of("eci", victim, "carried", "[]"));
        barrier(a, picosA, rogue);

        Pico after = a.find(victim).orElseThrow();
        assertThat(after.status().live()).as("the victim's status").isTrue();
        assertThat(after.rulesets()).doesNotContain(ROGUE);
        assertThat(picosA.count(victim)).isZero();

        a.markLeaving(after);
        assertThat(a.find(victim).orElseThrow().status().leaving()).as("the agent's own mark").isTrue();
        a.unmarkLeaving(after);
        assertThat(a.find(victim).orElseThrow().status().live()).isTrue();
    }

    @Test
    void aChildsForgedDeliveryNeitherRunsNorTakesTheSequenceOfTheAgentsHeldEvent() throws Exception {
        String victim = picosA.child(picosA.rootEci(), "delivery-victim", TestPicos.COUNTER);
        String rogue = picosA.child(picosA.rootEci(), "delivery-rogue", ROGUE);

        forge(picosA, rogue, "delivery_requested", Map.of("_headers", Map.of("picomesh-eci", victim, "picomesh-eid",
                "forged", "picomesh-domain", "counter", "picomesh-type", "tick", "picomesh-seq", "1")));
        barrier(a, picosA, rogue);

        assertThat(deliverAsTheAgent(victim, "held-1", 1)).isEqualTo("sent");
        assertThat(deliverAsTheAgent(victim, "held-1", 1)).as("the same held event again").isEqualTo("duplicate");
        assertThat(picosA.seen(victim)).containsExactly("held-1");
    }

    @Test
    void aChildsImportRequestImportsNothingWhileTheAgentsImportStillDoes() throws Exception {
        String stowaway = picosA.child(picosA.rootEci(), "stowaway", TestPicos.COUNTER);
        picosA.tick(stowaway);
        Pico onA = a.find(stowaway).orElseThrow();
        a.markLeaving(onA);
        Snapshot snapshot = a.export(onA);
        String rogue = picosB.child(picosB.rootEci(), "import-rogue", ROGUE);

        String victim = picosB.child(picosB.rootEci(), "import-victim", TestPicos.COUNTER);
        String victimAdmin = b.find(victim).orElseThrow().adminEci();

        forge(picosB, rogue, "import_requested", Map.of("parent_id", b.root().id(), "snapshot",
                new String(snapshot.open().readAllBytes(), StandardCharsets.UTF_8), "admin_eci", victimAdmin,
                "rulesets", JSON.writeValueAsString(Map.of(victimAdmin, List.of(ROGUE)))));
        barrier(b, picosB, rogue);

        assertThat(b.find(stowaway)).as("the stowaway on engine B").isEmpty();
        assertThat(b.find(victim).orElseThrow().rulesets()).as("a pico the forged repair named").doesNotContain(ROGUE);
        Imported imported = b.importIdempotent(b.root(), snapshot);
        assertThat(imported.fresh()).isTrue();
        b.unmarkLeaving(imported.pico());
        assertThat(picosB.count(stowaway)).isEqualTo(1);
    }

    @Test
    void aPicoThatInstalledTheMoverReadsAndMarksNoOtherPico() throws Exception {
        String victim = picosA.child(picosA.rootEci(), "read-victim", TestPicos.COUNTER);
        picosA.tick(victim);
        picosA.tick(victim);
        String id = a.find(victim).orElseThrow().id();
        String thief = picosA.child(picosA.rootEci(), "thief");
        // what a pico's owner can send through the front door: a wrangler event to their own pico
        picosA.event(thief, "wrangler", "install_rulesets_requested", Map.of("rids", MoverRuleset.RID));
        assertThat(a.find(thief).orElseThrow().rulesets()).contains(MoverRuleset.RID);
        String functions = "/sky/cloud/" + thief + "/" + MoverRuleset.RID + "/";

        List<JsonNode> answers = List.of(
                picosA.post(functions + "entvar", Map.of("pico_id", id, "rid", TestPicos.COUNTER, "name", "count")),
                picosA.post(functions + "snapshot", Map.of("pico_id", id, "carried", "")),
                picosA.post(functions + "picoOf", Map.of("eci", victim)),
                picosA.post(functions + "treeEcis", Map.of("pico_id", id)));
        // a hostile ruleset in the thief could event:send this to the thief itself
        picosA.event(thief, "picomesh", "status_requested", Map.of("pico_id", id, "leaving", "true"));

        assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer.isNull()).as(answer.toString())
                .isTrue());
        assertThat(answers.get(3)).isEmpty();
        assertThat(a.find(victim).orElseThrow().status().live()).as("the victim's status").isTrue();
        assertThat(picosA.count(victim)).isEqualTo(2);
    }

    @Test
    void anAgentStartingOnAnEngineWithTheMoverOfAnOlderBuildFencesItBeforeItsFirstCall() throws Exception {
        PicoEngineProcess engine = PicoEngineProcess.startQuiet();
        try {
            TestPicos picos = new TestPicos(engine.url());
            String source;
            try (InputStream krl = MoverFenceIT.class.getResourceAsStream("/picoengine/" + MoverRuleset.RID + ".krl")) {
                source = new String(krl.readAllBytes(), StandardCharsets.UTF_8);
            }
            String older = source.replace(FENCE, "true");
            assertThat(older).as("the fence in the mover's source").isNotEqualTo(source);
            picos.post("/api/ruleset/register", Map.of("src", older));
            picos.event(picos.rootEci(), "wrangler", "install_rulesets_requested", Map.of("rids", MoverRuleset.RID));
            picos.registerCounter();
            picos.register(ROGUE);
            String victim = picos.child(picos.rootEci(), "upgrade-victim", TestPicos.COUNTER);
            String rogue = picos.child(picos.rootEci(), "upgrade-rogue", ROGUE);
            PicoEngine restarted = new PicoEngine048(URI.create(engine.url()), Duration.ofSeconds(5),
                    Duration.ofMinutes(1));
            String id = restarted.find(victim).orElseThrow().id();

            forge(picos, rogue, "status_requested", Map.of("pico_id", id, "leaving", "true", "moved_to", ""));
            barrier(restarted, picos, rogue);

            assertThat(restarted.find(victim).orElseThrow().status().live()).as("the victim's status").isTrue();
        } finally {
            engine.stop();
        }
    }

    /** Has the rogue child send the agent's event {@code type} with these attributes to its parent, the root. */
    private static void forge(TestPicos picos, String rogue, String type, Map<String, ?> attrs) throws IOException {
        picos.event(rogue, "rogue", "forge_requested", Map.of("type", type, "attrs", JSON.writeValueAsString(attrs)));
    }

    /**
     * Returns once the root has run the rogue's events: the rogue then asks its parent for a channel, and the root's
     * queue runs its events in order.
     */
    private static void barrier(PicoEngine engine, TestPicos picos, String rogue) throws InterruptedException {
        String root = picos.rootEci();
        int before = engine.find(root).orElseThrow().ecis().size();
        picos.event(rogue, "rogue", "barrier_requested", Map.of("name", "barrier-" + System.nanoTime()));
        long deadline = System.nanoTime() + BARRIER.toNanos();
        while (engine.find(root).orElseThrow().ecis().size() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the root pico ran no event of its child within " + BARRIER);
            }
            Thread.sleep(50);
        }
    }

    /** A held event's delivery as the front door's LocalDelivery sends it: the mover's outcome. */
    private static String deliverAsTheAgent(String eci, String eid, long sequence) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engineA.url() + "/sky/event/" + picosA.rootEci()
                + "/picomesh-delivery/picomesh/delivery_requested")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Picomesh-Eci", eci).header("Picomesh-Eid", eid)
                .header("Picomesh-Domain", "counter").header("Picomesh-Type", "tick")
                .header("Picomesh-Seq", Long.toString(sequence)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode directive : JSON.readTree(answer.body()).path("directives")) {
            if (directive.path("name").asText().equals("delivery")) {
                return directive.path("options").path("outcome").asText();
            }
        }
        return "no outcome in " + answer.body();
    }
}
