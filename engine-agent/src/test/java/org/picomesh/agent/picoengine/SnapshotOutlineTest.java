package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapshotOutlineTest {

    /** A snapshot as the mover answers it, 0.48.1's bug included: the child lists no rulesets. */
    static final String SNAPSHOT = """
            {"picomesh":1,
             "installed":{"adminP":["io.picolabs.wrangler","org.example.counter"],
                          "adminC":["io.picolabs.wrangler","org.example.counter"]},
             "schedules":[{"id":"s1","at":"2026-12-01T14:00:00.000Z",
                           "event":{"eci":"eciP","eid":"x","domain":"counter","type":"tick","attrs":{"a":1}}}],
             "export":{"version":"0.48.0","policies":{"allow-all-policy":{"name":"admin"}},
                       "rulesets":{"org.example.counter":{"src":"ruleset org.example.counter {}","hash":"h"}},
                       "pico":{"id":"p","parent_id":"root","admin_eci":"adminP",
                               "channels":{"adminP":{"sovrin":{"secret":{"seed":"S"}}},"eciP":{}},
                               "rulesets":["io.picolabs.wrangler","org.example.counter"],
                               "entvars":{"org.example.counter":{"count":3,"map":{"a":1,"b":[1,2]}}},
                               "children":[{"id":"c","parent_id":"p","admin_eci":"adminC","channels":{"adminC":{}},
                                            "rulesets":[],"entvars":{"io.picolabs.wrangler":{"name":"c"}},
                                            "children":[]}]}}}
            """;

    static Snapshot snapshot(String json) {
        return Snapshot.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTreeItsEcisAndWhatTheExportLeavesOut() {
        SnapshotOutline outline = SnapshotOutline.read(snapshot(SNAPSHOT));

        assertThat(outline.engineVersion()).isEqualTo("0.48.0");
        assertThat(outline.root().ecis()).containsExactly("adminP", "eciP");
        assertThat(outline.root().tree()).extracting(SnapshotOutline.PicoOutline::adminEci)
                .containsExactly("adminP", "adminC");
        assertThat(outline.root().entvars()).containsOnlyKeys("org.example.counter/count", "org.example.counter/map");
        assertThat(outline.schedules()).hasSize(1);
        assertThat(outline.expectedRulesets(outline.root().children().get(0)))
                .containsExactly("io.picolabs.wrangler", "org.example.counter");
    }

    @Test
    void withoutTheInstalledRecordAPicosRulesetsAreThoseItsExportShows() {
        SnapshotOutline outline = SnapshotOutline.read(snapshot(SNAPSHOT.replace("\"installed\"", "\"other\"")));

        assertThat(outline.expectedRulesets(outline.root().children().get(0))).containsExactly("io.picolabs.wrangler");
    }

    @Test
    void digestsIgnoreTheOrderOfMembersButNotTheirValues() {
        String reordered = SNAPSHOT.replace("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}");
        String changed = SNAPSHOT.replace("{\"a\":1,\"b\":[1,2]}", "{\"a\":1,\"b\":[2,1]}");

        String original = SnapshotOutline.read(snapshot(SNAPSHOT)).root().entvars().get("org.example.counter/map");

        assertThat(SnapshotOutline.read(snapshot(reordered)).root().entvars().get("org.example.counter/map"))
                .isEqualTo(original);
        assertThat(SnapshotOutline.read(snapshot(changed)).root().entvars().get("org.example.counter/map"))
                .isNotEqualTo(original);
    }

    @Test
    void refusesADocumentOfAnotherFormatWithoutShowingIt() {
        assertThatThrownBy(() -> SnapshotOutline.read(snapshot(SNAPSHOT.replace("\"picomesh\":1", "\"picomesh\":2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("seed");
        assertThatThrownBy(() -> SnapshotOutline.read(snapshot("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
