package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A host's answers are a stranger's words: only the pico's verdict is read from them, bounded. */
class HostVerdictsTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsThePicosVerdictFromItsPolicyDirective() throws Exception {
        HostVerdicts.Verdict kept = HostVerdicts.verdict(bytes("""
                {"directives": [{"name": "other", "options": {}},
                  {"name": "policy", "options": {"valid": true, "message": "policy kept"}, "meta": {"rid": "x"}}]}"""));
        assertThat(kept).isEqualTo(new HostVerdicts.Verdict(true, "policy kept"));
        HostVerdicts.Verdict refused = HostVerdicts.verdict(bytes("""
                {"directives": [{"name": "policy", "options": {"valid": false, "message": "no\\u0007 %s"}}]}"""
                .formatted("x".repeat(400))));
        assertThat(refused.kept()).isFalse();
        assertThat(refused.message()).startsWith("no? xxx").hasSize(HostVerdicts.MAX_MESSAGE).endsWith("…");
    }

    @Test
    void anAnswerWithoutAVerdictSaysWhatIsMissing() {
        assertThatThrownBy(() -> HostVerdicts.verdict(bytes("{\"directives\": []}")))
                .hasMessageContaining("org.picomesh.market");
        assertThatThrownBy(() -> HostVerdicts.verdict(bytes("{\"directives\": [{\"name\": \"policy\", \"options\": "
                + "{\"valid\": \"yes\"}}]}"))).hasMessageContaining("does not say whether it kept");
        assertThatThrownBy(() -> HostVerdicts.verdict(bytes("<html>"))).hasMessage("the host's answer is not JSON");
        assertThatThrownBy(() -> HostVerdicts.verdict(bytes("[1]"))).hasMessageContaining("no directives");
    }

    @Test
    void readsTheDidThePicoNamesOrNoneWhenItIsNotEnrolled() throws Exception {
        assertThat(HostVerdicts.did(bytes("\"did:pkh:eip155:31337:0xab\""))).isEqualTo("did:pkh:eip155:31337:0xab");
        assertThat(HostVerdicts.did(bytes("null"))).isNull();
        assertThatThrownBy(() -> HostVerdicts.did(bytes("{\"did\": 1}"))).hasMessageContaining("no DID");
        assertThatThrownBy(() -> HostVerdicts.did(bytes("\"" + "d".repeat(201) + "\""))).hasMessageContaining("no DID");
    }
}
