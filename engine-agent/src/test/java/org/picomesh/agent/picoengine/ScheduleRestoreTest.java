package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleRestoreTest {

    @Test
    void writesAnAtAndARepeatRuleForEachDomain() {
        String krl = ScheduleRestore.source(Set.of("counter", "wrangler"));

        assertThat(krl).startsWith("ruleset " + ScheduleRestore.RID)
                .contains("schedule counter event a{\"type\"} at a{\"at\"}")
                .contains("schedule wrangler event a{\"type\"} repeat a{\"timespec\"}");
    }

    @Test
    void refusesADomainThatWouldBeKrlSource() {
        assertThatThrownBy(() -> ScheduleRestore.source(Set.of("x event \"y\" at 1 }")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
