package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.picoengine.SnapshotOutlineTest.SNAPSHOT;
import static org.picomesh.agent.picoengine.SnapshotOutlineTest.snapshot;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCheckTest {
    private static final Map<String, String> ROUTED = Map.of("adminP", "p", "eciP", "p", "adminC", "c");

    private static CheckResult check(String actual, Map<String, String> holders) {
        return SnapshotCheck.compare(SnapshotOutline.read(snapshot(SNAPSHOT)), SnapshotOutline.read(snapshot(actual)),
                holders);
    }

    @Test
    void theSameSnapshotIsTheSamePico() {
        assertThat(check(SNAPSHOT, ROUTED)).isEqualTo(new CheckResult.Same());
    }

    @Test
    void namesAChangedEntvarWithoutItsValue() {
        assertThat(check(SNAPSHOT.replace("\"count\":3", "\"count\":4"), ROUTED))
                .isEqualTo(new CheckResult.Differs("pico adminP: entvar org.example.counter/count"));
    }

    @Test
    void namesAnEciThatRoutesToAnotherPico() {
        assertThat(check(SNAPSHOT, Map.of("adminP", "p", "eciP", "second-copy", "adminC", "c")))
                .isEqualTo(new CheckResult.Differs("pico adminP: channel eciP routes to another pico"));
    }

    @Test
    void namesAMissingChildRulesetAndSchedule() {
        assertThat(check(SNAPSHOT.replace("\"adminC\":[\"io.picolabs.wrangler\",\"org.example.counter\"]",
                "\"adminC\":[\"io.picolabs.wrangler\"]"), ROUTED))
                .isEqualTo(new CheckResult.Differs("pico adminC: installed rulesets"));
        assertThat(check(SNAPSHOT.replace("\"attrs\":{\"a\":1}", "\"attrs\":{\"a\":2}"), ROUTED))
                .isEqualTo(new CheckResult.Differs("scheduled events (1 expected, 1 found)"));
    }
}
