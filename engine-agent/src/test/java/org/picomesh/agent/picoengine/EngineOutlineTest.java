package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.picoengine.SnapshotOutlineTest.SNAPSHOT;
import static org.picomesh.agent.picoengine.SnapshotOutlineTest.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The check of an import from the outline the target's engine computes (the mover's {@code outline}). */
class EngineOutlineTest {

    /** SHA-256 (hex) of the text, as the mover's {@code math:hash("sha256", ...)} gives it. */
    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                StandardCharsets.UTF_8)));
    }

    /** What the mover answers for SNAPSHOT's pico imported as {@code p2} (child {@code c2}), count as given. */
    private static String imported(String count, String eciPHolder) throws Exception {
        return """
                {"installed":{"adminP":["io.picolabs.wrangler","org.example.counter"],
                              "adminC":["io.picolabs.wrangler","org.example.counter"]},
                 "schedules":[{"id":"new","at":"2026-12-01T14:00:00.000Z",
                               "event":{"eci":"eciP","eid":"x","domain":"counter","type":"tick","attrs":{"a":1}}}],
                 "pico":{"id":"p2","admin_eci":"adminP","channels":{"adminP":"p2","eciP":"%s"},
                         "rulesets":["io.picolabs.wrangler","org.example.counter"],
                         "entvars":{"org.example.counter":{"count":"%s","map":"%s"}},"state_machine":[],
                         "children":[{"id":"c2","admin_eci":"adminC","channels":{"adminC":"c2"},"rulesets":[],
                                      "entvars":{"io.picolabs.wrangler":{"name":"%s"}},"children":[]}]}}
                """.formatted(eciPHolder, sha256(count), sha256("{\"a\":1,\"b\":[1,2]}"), sha256("\"c\""));
    }

    private static CheckResult check(String document) throws Exception {
        EngineOutline found = EngineOutline.read(EngineHttp.JSON.readTree(document));
        return SnapshotCheck.compare(SnapshotOutline.read(snapshot(SNAPSHOT)), found.outline(), found.holders());
    }

    @Test
    void theEnginesDigestsOfTheImportedStateMatchTheSnapshots() throws Exception {
        assertThat(check(imported("3", "p2"))).isEqualTo(new CheckResult.Same());
    }

    @Test
    void aWrongImportIsFoundWithoutExportingThePicoAgain() throws Exception {
        assertThat(check(imported("4", "p2")))
                .isEqualTo(new CheckResult.Differs("pico adminP: entvar org.example.counter/count"));
        assertThat(check(imported("3", "a-second-copy")))
                .isEqualTo(new CheckResult.Differs("pico adminP: channel eciP routes to another pico"));
        assertThat(check(imported("3", "p2").replace("\"children\":[{", "\"children\":[],\"x\":[{")))
                .isEqualTo(new CheckResult.Differs("pico adminP: children (1 expected, 0 found)"));
    }

    @Test
    void anEntvarsDigestIgnoresMemberOrderAndNumberSpelling() throws Exception {
        String canonical = sha256("{\"10\":[1e+21,0.5,\"\u00e9\\n\"],\"9\":{\"\":null,\"A\":true,\"a\":-1}}");
        for (String spelling : new String[] {
            "{\"9\":{\"a\":-1.0,\"A\":true,\"\":null},\"10\":[1E21,5e-1,\"\\u00e9\\u000a\"]}",
            "{\"10\":[1000000000000000000000,0.50,\"\u00e9\\n\"],\"9\":{\"A\":true,\"\":null,\"a\":-10e-1}}"}) {
            try (var parser = EngineHttp.JSON.getFactory().createParser(spelling)) {
                parser.nextToken();
                assertThat(EntvarDigest.of(parser)).as(spelling).isEqualTo(canonical);
            }
        }
    }
}
