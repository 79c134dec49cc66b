package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineGuardTest {

    @Test
    void readsAPathSegmentAsTheEngineDoesDecodedAndTrimmed() {
        assertThat(EngineGuard.asTheEngineReads("picomesh%20")).isEqualTo("picomesh");
        assertThat(EngineGuard.asTheEngineReads("%09%0AROOT%0D")).isEqualTo("ROOT");
        assertThat(EngineGuard.asTheEngineReads("%C2%A0wrangler%E2%80%A8")).isEqualTo("wrangler");
        assertThat(EngineGuard.asTheEngineReads("%EF%BB%BFdelete_child%E3%80%80")).isEqualTo("delete_child");
        assertThat(EngineGuard.asTheEngineReads("pico%6Desh")).isEqualTo("picomesh");
        assertThat(EngineGuard.asTheEngineReads("a%20b")).as("inner spaces stay").isEqualTo("a b");
        assertThat(EngineGuard.asTheEngineReads("bad%zz")).as("a malformed escape, as given").isEqualTo("bad%zz");
    }
}
