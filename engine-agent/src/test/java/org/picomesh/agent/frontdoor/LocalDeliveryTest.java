package org.picomesh.agent.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalDeliveryTest {
    private static SkyRequest event(String path) {
        return new SkyRequest("POST", path, "a=1", "application/json", "{\"n\":1}".getBytes());
    }

    @Test
    void namesTheHeldEventForTheMoverAsTheEngineDecodesItsPath() {
        var headers = LocalDelivery.headers(event("/sky/event/ECI1/e%2B1/counter/tick"), 42);

        assertThat(headers).containsEntry("Picomesh-Eci", "ECI1").containsEntry("Picomesh-Eid", "e+1")
                .containsEntry("Picomesh-Domain", "counter").containsEntry("Picomesh-Type", "tick")
                .containsEntry("Picomesh-Seq", "42");
    }

    @Test
    void anEventItCannotNameInHeadersGoesStraightToTheEngine() {
        assertThat(LocalDelivery.nameable(event("/sky/event/ECI1/e1/counter/tick"))).isTrue();
        assertThat(LocalDelivery.nameable(event("/sky/event/ECI1/%C3%A9t%C3%A9/counter/tick"))).isFalse();
        assertThat(LocalDelivery.nameable(event("/sky/event/ECI1/e%0A1/counter/tick"))).isFalse();
        assertThat(LocalDelivery.nameable(event("/sky/cloud/ECI1/rid/fn"))).isFalse();
    }

    @Test
    void readsTheMoversOutcomeAndNothingElse() {
        assertThat(LocalDelivery.outcome("{\"directives\":[{\"name\":\"delivery\",\"options\":{\"outcome\":"
                + "\"duplicate\"}}]}")).isEqualTo(LocalDelivery.Outcome.DUPLICATE);
        assertThat(LocalDelivery.outcome("{\"directives\":[{\"name\":\"delivery\",\"options\":{\"outcome\":"
                + "\"leaving\"}}]}")).isEqualTo(LocalDelivery.Outcome.LEAVING);
        assertThat(LocalDelivery.outcome("{\"directives\":[]}")).isNull();
        assertThat(LocalDelivery.outcome("not json")).isNull();
    }
}
