package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the engine client does when a move goes wrong, against two real pico engines (0.48.1). */
class PicoEngine048FailuresIT extends OnTwoEngines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A leaving pico with the counter at 1 and a ruleset of its own that engine B has never seen. */
    private static Snapshot leavingPico(String name) {
        String rid = "org.picomesh.test." + name;
        picosA.post("/api/ruleset/register", Map.of("src", "ruleset " + rid + " {\n}\n"));
        String eci = picosA.picoWithState(name, 10);
        picosA.event(eci, "wrangler", "install_rulesets_requested", Map.of("rids", rid));
        picosA.tick(eci);
        Pico pico = a.find(eci).orElseThrow();
        a.markLeaving(pico);
        return a.export(pico);
    }

    private static Snapshot tampered(Snapshot snapshot, Consumer<ObjectNode> change) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(snapshot.open());
        change.accept(document);
        return Snapshot.wrap(JSON.writeValueAsBytes(document));
    }

    @Test
    void finishesAnImportThatCrashedAfterRegisteringItsRulesets() throws IOException {
        Snapshot snapshot = leavingPico("crashed");
        // what a crash inside engine:importPico leaves: policies and rulesets written, no pico
        Snapshot rulesetsOnly = tampered(snapshot, d -> ((ObjectNode) d.path("export")).remove("pico"));
        String rootEci = b.root().adminEci();
        assertThatThrownBy(() -> picosB.post("/sky/event/" + rootEci + "/crash/picomesh/import_requested", Map.of(
                "parent_id", b.root().id(), "snapshot", JSON.readTree(rulesetsOnly.open()).toString())))
                .hasMessageContaining("500");

        Imported imported = b.importIdempotent(b.root(), snapshot);

        assertThat(imported.fresh()).isTrue();
        assertThat(b.check(imported.pico(), snapshot).same()).isTrue();
    }

    @Test
    void refusesASnapshotOfAnotherEngineVersion() throws IOException {
        Snapshot snapshot = tampered(leavingPico("versioned"), d -> ((ObjectNode) d.path("export")).put("version",
                "0.47.0"));

        assertThatThrownBy(() -> b.importIdempotent(b.root(), snapshot))
                .isInstanceOf(PicoEngineException.VersionMismatch.class).hasMessageContaining("0.47.0");
    }

    @Test
    void refusesWithTheEnginesReasonWhenItHoldsAnotherVersionOfARuleset() throws IOException {
        picosB.registerCounter();
        Snapshot snapshot = tampered(leavingPico("clashing"), d -> ((ObjectNode) d.path("export").path("rulesets")
                .path(TestPicos.COUNTER)).put("hash", "0".repeat(64)));

        assertThatThrownBy(() -> b.importIdempotent(b.root(), snapshot))
                .isInstanceOfSatisfying(PicoEngineException.ImportRefused.class, e -> assertThat(e.reason())
                        .contains("different version of " + TestPicos.COUNTER));
    }

    @Test
    void namesTheFirstDifferenceWhenTheImportedPicoChanged() {
        Snapshot snapshot = leavingPico("changed");
        Imported imported = b.importIdempotent(b.root(), snapshot);
        b.unmarkLeaving(imported.pico());
        picosB.tick(imported.pico().adminEci());

        assertThat(b.check(imported.pico(), snapshot)).isEqualTo(new CheckResult.Differs("pico "
                + imported.pico().adminEci() + ": entvar " + TestPicos.COUNTER + "/count"));
    }

    @Test
    void deletingAPicoRemovesItsChildrenAndScheduledEvents() {
        String parent = picosA.picoWithState("deleted", 10);
        String child = picosA.child(parent, "deleted-child", TestPicos.COUNTER);
        picosA.scheduleTick(parent);
        picosA.scheduleTick(child);
        Pico pico = a.find(parent).orElseThrow();
        Pico root = a.root();
        int before = SnapshotOutline.read(a.export(root)).schedules().size();

        a.delete(pico);

        assertThat(a.find(parent)).isEmpty();
        assertThat(a.find(child)).isEmpty();
        assertThat(SnapshotOutline.read(a.export(root)).schedules()).hasSize(before - 2);
    }

    @Test
    void saysWhenNoPicoHoldsAnEci() {
        assertThat(b.find("NoSuchEci000000000000")).isEmpty();
        assertThat(b.find("../api/db-dump")).isEmpty();
        Pico gone = new Pico("no-such-pico", "NoSuchEci000000000000", List.of(), PicoStatus.LIVE, List.of(),
                List.of());
        assertThatThrownBy(() -> b.export(gone)).isInstanceOf(PicoEngineException.UnknownEci.class);
        assertThatThrownBy(() -> b.markLeaving(gone)).isInstanceOf(PicoEngineException.UnknownEci.class);
    }

    @Test
    void saysWhenTheEngineIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PicoEngine nowhere = new PicoEngine048(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.find("SomeEci")).isInstanceOf(PicoEngineException.Unreachable.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }
}
