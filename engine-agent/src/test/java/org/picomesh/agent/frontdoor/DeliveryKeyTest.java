package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A replay's delivery key comes from another agent: anything but the exact form is refused, never an exception. */
class DeliveryKeyTest {

    @Test
    void readsTheSourceEngineTheLeaseAndTheSequence() {
        assertThat(DeliveryKey.parse("3/17/42")).isEqualTo(new DeliveryKey(3, 17, 42));
        assertThat(DeliveryKey.parse("3/17/42")).hasToString("3/17/42");
    }

    @Test
    void refusesAnythingElseWithoutThrowing() {
        assertThat(DeliveryKey.parse(null)).isNull();
        assertThat(DeliveryKey.parse("")).isNull();
        assertThat(DeliveryKey.parse("3/17")).isNull();
        assertThat(DeliveryKey.parse("3/17/42/1")).isNull();
        assertThat(DeliveryKey.parse("-3/17/42")).isNull();
        assertThat(DeliveryKey.parse("3/17/ 42")).isNull();
        assertThat(DeliveryKey.parse("99999999999999999999/1/1")).as("past a long").isNull();
    }

    @Test
    void anEventsDigestChangesWhenAnyOfItsPartsDoes() {
        SkyRequest event = new SkyRequest("POST", "/sky/event/e/1/d/t", "a=1", "application/json", "{}".getBytes());
        String digest = ReplaySignatures.digest(event);
        assertThat(ReplaySignatures.digest(new SkyRequest("POST", "/sky/event/e/1/d/t", "a=1", "application/json",
                "{}".getBytes()))).isEqualTo(digest);
        assertThat(ReplaySignatures.digest(new SkyRequest("POST", "/sky/event/e/1/d/t", "a=2", "application/json",
                "{}".getBytes()))).isNotEqualTo(digest);
        assertThat(ReplaySignatures.digest(new SkyRequest("POST", "/sky/event/e/1/d/t", "a=1{", "application/json",
                "}".getBytes()))).as("a boundary moved").isNotEqualTo(digest);
        assertThat(ReplaySignatures.digest(new SkyRequest("POST", "/sky/event/e/1/d/t", null, "application/json",
                "{}".getBytes()))).isNotEqualTo(ReplaySignatures.digest(new SkyRequest("POST", "/sky/event/e/1/d/t",
                        "", "application/json", "{}".getBytes())));
    }
}
