package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What the agent takes from the mover's answer to an import (its rules import_repair and import_answer). */
class ImportAnswerTest {
    private static final String PICO = """
            {"id":"p2","parent":"root","admin":"adminP","ecis":["adminP","eciP"],
             "status":{"isLeaving":true,"movedToHost":null},"children":["c2"],"installed":["io.picolabs.wrangler"]}""";
    private static final String OUTLINE = """
            {"installed":{"adminP":["io.picolabs.wrangler"],"adminC":["io.picolabs.wrangler","org.example.counter"]},
             "schedules":[{"id":"s1","at":"2026-12-01T14:00:00.000Z",
                           "event":{"eci":"eciP","eid":"x","domain":"counter","type":"tick","attrs":{}}}],
             "pico":{"id":"p2","admin_eci":"adminP","channels":{"adminP":"p2","eciP":"p2"},"rulesets":[],
                     "entvars":{},"state_machine":[],
                     "children":[{"id":"c2","admin_eci":"adminC","channels":{"adminC":"c2"},"rulesets":[],
                                  "entvars":{},"state_machine":[],"children":[]}]}}""";
    private static final String REPAIRED = """
            {"name":"repaired","options":{"admin_eci":"adminC","rids":["org.example.counter"]}}""";

    private static ImportAnswer read(String imported, String admin) throws Exception {
        JsonNode answer = EngineHttp.JSON.readTree("{\"directives\":[" + REPAIRED + ",{\"name\":\"imported\","
                + "\"options\":" + imported + "}]}");
        return ImportAnswer.read(answer, admin);
    }

    @Test
    void takesTheNewPicoItsRepairAndItsTreesLayoutFromTheOneAnswer() throws Exception {
        ImportAnswer answer = read("{\"id\":\"p2\",\"pico\":" + PICO + ",\"outline\":" + OUTLINE + "}", "adminP");

        assertThat(answer.pico()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("p2"));
        assertThat(answer.repaired()).containsExactly("adminC:org.example.counter");
        assertThat(answer.outline()).hasValueSatisfying(o -> assertThat(o.holders()).containsEntry("eciP", "p2")
                .containsEntry("adminC", "c2"));
        assertThat(answer.layout().path("ids").path("adminC").asText()).isEqualTo("c2");
        assertThat(answer.layout().path("ids").path("adminP").asText()).isEqualTo("p2");
        assertThat(answer.layout().path("installed").path("adminC")).hasSize(2);
        assertThat(Importer.missingSchedules(SnapshotOutline.read(Snapshot.wrap(("{\"picomesh\":1,\"schedules\":"
                + EngineHttp.JSON.readTree(OUTLINE).path("schedules") + ",\"export\":{\"version\":\"0.48.1\","
                + "\"pico\":{\"id\":\"p1\",\"admin_eci\":\"adminP\",\"channels\":{}}}}").getBytes())),
                answer.layout())).as("the snapshot's scheduled event, held already").isEmpty();
    }

    /** Then the agent finds the pico by its admin ECI, repairs what is still missing and asks for the outline. */
    @Test
    void anAnswerWithoutTheTreesOutlineOrAboutAnotherPicoGivesNoPicoButItsRepair() throws Exception {
        ImportAnswer older = read("{\"id\":\"p2\",\"pico\":" + PICO + "}", "adminP");
        ImportAnswer other = read("{\"id\":\"p2\",\"pico\":" + PICO + ",\"outline\":" + OUTLINE + "}", "adminX");

        assertThat(older.pico()).isEmpty();
        assertThat(older.outline()).isEmpty();
        assertThat(older.repaired()).containsExactly("adminC:org.example.counter");
        assertThat(other.pico()).isEmpty();
        assertThat(other.outline()).isEmpty();
    }
}
