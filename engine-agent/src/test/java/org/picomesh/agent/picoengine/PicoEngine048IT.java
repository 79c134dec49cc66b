package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Moves picos between two real pico engines (0.48.1) with the engine client, as the migration will. */
class PicoEngine048IT extends OnTwoEngines {

    @BeforeAll
    static void registerCounters() {
        picosA.registerCounter();
    }

    /** A pico with a counter at 3, a scheduled tick, two more channels; child 1 shares its counter, child 2 not. */
    private static Family family(String name) {
        String parent = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        for (int i = 0; i < 3; i++) {
            picosA.tick(parent);
        }
        picosA.scheduleTick(parent);
        String extra1 = picosA.channel(parent, "extra1");
        String extra2 = picosA.channel(parent, "extra2");
        String sharing = picosA.child(parent, name + "-sharing", TestPicos.COUNTER);
        picosA.tick(sharing);
        picosA.tick(sharing);
        String plain = picosA.child(parent, name + "-plain");
        return new Family(parent, List.of(parent, extra1, extra2), sharing, plain);
    }

    private record Family(String parent, List<String> parentEcis, String sharing, String plain) {
    }

    /** What a source's front door holds traffic for while the pico moves: every channel of the tree, none else. */
    @Test
    void namesEveryChannelOfAPicoAndOfItsChildrenTheParentsFirst() {
        Family family = family("routes");
        Pico parent = a.find(family.parent()).orElseThrow();
        List<String> each = new java.util.ArrayList<>(parent.ecis());
        each.addAll(a.find(family.sharing()).orElseThrow().ecis());
        each.addAll(a.find(family.plain()).orElseThrow().ecis());

        List<String> ecis = a.treeEcis(parent);

        assertThat(ecis).containsExactlyInAnyOrderElementsOf(each).containsAll(family.parentEcis())
                .doesNotContain(picosA.rootEci());
        assertThat(ecis.subList(0, parent.ecis().size())).containsExactlyInAnyOrderElementsOf(parent.ecis());
    }

    /** A move's first step names the pico by its admin ECI alone: the same channels, and none for an unknown ECI. */
    @Test
    void namesTheSameChannelsFromThePicosAdminEciAndNoneForAnUnknownOne() {
        Family family = family("routes-by-eci");
        Pico parent = a.find(family.parent()).orElseThrow();

        assertThat(a.treeEcisOf(parent.adminEci())).containsExactlyElementsOf(a.treeEcis(parent));
        assertThatThrownBy(() -> a.treeEcisOf("NoPicoHoldsThisEci1")).isInstanceOf(
                PicoEngineException.UnknownEci.class);
    }

    /** Leaving in one call: the tree refuses callers, and the snapshot moves it with its state and scheduled event. */
    @Test
    void leavesInOneCallWithASnapshotThatMovesThePico() {
        Family family = family("leaver");
        String admin = a.find(family.parent()).orElseThrow().adminEci();

        Snapshot snapshot = a.leave(admin, null);

        assertThat(picosA.raw("/sky/cloud/" + family.parent() + "/" + TestPicos.COUNTER + "/count").statusCode())
                .as("a leaving pico's query on its engine").isEqualTo(410);
        assertThat(picosA.raw("/sky/cloud/" + family.sharing() + "/" + TestPicos.COUNTER + "/count").statusCode())
                .as("its child's").isEqualTo(410);
        Imported imported = b.importIdempotent(b.root(), snapshot);
        assertThat(imported.restoredSchedules()).isEqualTo(1);
        assertThat(b.check(imported.pico(), snapshot)).isEqualTo(new CheckResult.Same());
        b.unmarkLeaving(imported.pico());
        assertThat(picosB.count(family.parent())).isEqualTo(3);
        assertThatThrownBy(() -> a.leave("NoPicoHoldsThisEci1", null)).isInstanceOf(
                PicoEngineException.UnknownEci.class);
    }

    @Test
    void movesAPicoWithItsChildrenChannelsStateAndScheduledEvent() {
        Family family = family("mover");
        Pico onA = a.find(family.parent()).orElseThrow();
        a.markLeaving(onA);
        assertThat(picosA.raw("/sky/cloud/" + family.parent() + "/" + TestPicos.COUNTER + "/count").statusCode())
                .as("a leaving pico's query on its engine").isEqualTo(410);
        Snapshot snapshot = a.export(onA);
        assertThat(b.held(b.snapshotEcis(snapshot))).as("what a target's claim sees before importing").isEmpty();

        Imported imported = b.importUnheld(b.root(), snapshot);

        assertThat(imported.fresh()).isTrue();
        String sharingAdmin = b.find(family.sharing()).orElseThrow().adminEci();
        assertThat(imported.repairedRulesets()).contains(sharingAdmin + ":" + TestPicos.COUNTER);
        assertThat(imported.restoredSchedules()).isEqualTo(1);
        assertThat(imported.pico().status().leaving()).isTrue();
        Pico held = b.find(family.parent()).orElseThrow();
        assertThat(imported.pico()).as("the imported pico, as the import's own answer gave it")
                .usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(held);
        for (String eci : family.parentEcis()) {
            assertThat(picosB.raw("/sky/cloud/" + eci + "/" + TestPicos.COUNTER + "/count").statusCode())
                    .as("the imported pico, still leaving, on ECI " + eci).isEqualTo(410);
        }
        assertThat(imported.checked()).as("no check from the import's answer: it read the tree before the restore")
                .isEmpty();
        assertThat(b.check(imported, snapshot)).isEqualTo(new CheckResult.Same());

        b.unmarkLeaving(imported.pico());
        for (String eci : family.parentEcis()) {
            assertThat(picosB.count(eci)).as("the counter through ECI " + eci).isEqualTo(3);
        }
        assertThat(picosB.count(family.sharing())).isEqualTo(2);
        picosB.tick(family.sharing());
        assertThat(picosB.count(family.sharing())).as("the repaired child counts on B").isEqualTo(3);
        assertThat(b.find(family.plain()).orElseThrow().rulesets()).contains("io.picolabs.wrangler");
        assertThat(SnapshotOutline.read(b.export(b.find(family.parent()).orElseThrow())).schedules())
                .singleElement().satisfies(s -> assertThat(s.path("event").path("eci").asText()).isIn(
                        family.parentEcis()));

        a.markMoved(onA, URI.create(engineB.url()));
        HttpResponse<String> moved = picosA.raw("/sky/cloud/" + family.parent() + "/" + TestPicos.COUNTER + "/count");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(moved.headers().firstValue("Location")).contains(engineB.url() + "/sky/cloud/" + family.parent()
                + "/" + TestPicos.COUNTER + "/count");

        a.delete(onA);
        assertThat(a.find(family.parent())).isEmpty();
        assertThat(a.find(family.sharing())).isEmpty();
        assertThat(picosA.raw("/sky/cloud/" + family.parent() + "/" + TestPicos.COUNTER + "/count").statusCode())
                .isEqualTo(404);
    }

    /**
     * A move's target imports, repairs the rulesets 0.48.1's export loses and reads the tree back for the check in one
     * call to its engine (each call costs 20-30 ms of the engine's own), and that reading is the engine's after the
     * repair: a check of the tree before it would find the sharing child without its counter.
     */
    @Test
    void importsRepairsAndChecksAFreshPicoInOneCallToTheEngine() throws Exception {
        String parent = picosA.child(picosA.rootEci(), "one-call", TestPicos.COUNTER);
        picosA.tick(parent);
        String sharing = picosA.child(parent, "one-call-sharing", TestPicos.COUNTER);
        picosA.tick(sharing);
        picosA.tick(sharing);
        picosA.child(parent, "one-call-plain");
        Pico onA = a.find(parent).orElseThrow();
        a.markLeaving(onA);
        Snapshot snapshot = a.export(onA);
        try (CountingProxy proxy = new CountingProxy(engineB.url())) {
            PicoEngine counted = new PicoEngine048(proxy.url(), java.time.Duration.ofSeconds(5),
                    java.time.Duration.ofMinutes(1));
            Pico root = counted.root();
            proxy.reset();

            Imported imported = counted.importUnheld(root, snapshot);
            CheckResult check = counted.check(imported, snapshot);

            assertThat(proxy.calls()).as("the engine calls of a fresh import and its check").singleElement()
                    .satisfies(path -> assertThat(path).endsWith("/picomesh/import_requested"));
            assertThat(check).isEqualTo(new CheckResult.Same());
            assertThat(imported.repairedRulesets()).contains(b.find(sharing).orElseThrow().adminEci() + ":"
                    + TestPicos.COUNTER);
        }
        Imported imported = b.importIdempotent(b.root(), snapshot);
        assertThat(imported.fresh()).as("the same snapshot again").isFalse();
        assertThat(b.check(imported.pico(), snapshot)).as("the check that asks the engine").isEqualTo(
                new CheckResult.Same());
        b.unmarkLeaving(imported.pico());
        picosB.tick(sharing);
        assertThat(picosB.count(sharing)).as("the repaired child counts on B").isEqualTo(3);
        assertThat(picosB.count(parent)).isEqualTo(1);
    }

    /**
     * The check compares a digest of each entity variable that the target's engine computes with one the agent
     * computes from the snapshot: they agree on member orders, numbers, escapes and text beyond ASCII; a change of one
     * member's value is found.
     */
    @Test
    void checksAnImportedPicoWhoseStateTakesEveryShapeOfJson() {
        String eci = picosA.child(picosA.rootEci(), "shapes", TestPicos.COUNTER);
        picosA.event(eci, "counter", "json_given", java.util.Map.of("json", """
                {"b": 1, "a": [0.1, 1e21, -0.0, 5e-7, 123456789012345678901, 1.5, true, null, {}], "10": "ten",
                 "9": "nine", "\u00e9": "\u00e8\\u2028\\u0007\\"\\\\/", "B": {"z": {"y": [], "x": "\ud83d\ude00"},
                 "": 0}, "A": "line\\nbreak\\ttab"}"""));
        Pico onA = a.find(eci).orElseThrow();
        a.markLeaving(onA);
        Snapshot snapshot = a.export(onA);
        Imported imported = b.importIdempotent(b.root(), snapshot);

        assertThat(b.check(imported.pico(), snapshot)).isEqualTo(new CheckResult.Same());

        b.unmarkLeaving(imported.pico());
        picosB.event(eci, "counter", "json_given", java.util.Map.of("json", "{\"b\": 2}"));
        assertThat(b.check(imported.pico(), snapshot)).isEqualTo(new CheckResult.Differs("pico "
                + imported.pico().adminEci() + ": entvar " + TestPicos.COUNTER + "/json"));
        a.unmarkLeaving(onA);
    }

    @Test
    void aSecondImportOfTheSameSnapshotImportsNothingAndReturnsThePico() {
        Family family = family("twice");
        Pico onA = a.find(family.parent()).orElseThrow();
        a.markLeaving(onA);
        Snapshot snapshot = a.export(onA);
        Imported first = b.importIdempotent(b.root(), snapshot);
        int picosOnB = b.root().children().size();

        Imported second = b.importIdempotent(b.root(), snapshot);

        assertThat(second.fresh()).isFalse();
        assertThat(second.pico().id()).isEqualTo(first.pico().id());
        assertThat(second.repairedRulesets()).isEmpty();
        assertThat(second.restoredSchedules()).isZero();
        assertThat(b.root().children()).hasSize(picosOnB);
        assertThat(b.check(second.pico(), snapshot).same()).isTrue();
        a.unmarkLeaving(onA);
        assertThat(picosA.count(family.parent())).as("the pico lives on where the move was not accepted").isEqualTo(3);
    }

    @Test
    void aSnapshotNamesEveryEciItsImportWillHoldSoThatACutShortImportIsFoundAndDeleted() {
        Family family = family("found");
        Pico onA = a.find(family.parent()).orElseThrow();
        a.markLeaving(onA);
        Snapshot snapshot = a.export(onA);
        List<String> ecis = b.snapshotEcis(snapshot);
        assertThat(ecis.get(0)).as("the root's admin ECI first").isEqualTo(onA.adminEci());
        assertThat(ecis).containsAll(family.parentEcis()).contains(family.sharing(), family.plain());
        assertThat(b.held(ecis)).as("none on B before the import").isEmpty();

        b.importIdempotent(b.root(), snapshot);
        assertThat(b.held(ecis)).containsExactlyElementsOf(ecis);
        for (String eci : ecis) {
            b.find(eci).ifPresent(b::delete);
        }

        assertThat(b.held(ecis)).as("nothing of the pico left on B").isEmpty();
        assertThat(a.held(ecis)).as("the source's copy untouched").containsExactlyElementsOf(ecis);
        a.unmarkLeaving(onA);
    }
}
