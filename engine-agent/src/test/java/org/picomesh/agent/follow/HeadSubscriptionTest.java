package org.picomesh.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadSubscriptionTest {
    @Test
    void autoSubscribesWhereTheNodesRpcUrlIsServedWithTheWebSocketScheme() {
        assertThat(HeadSubscription.webSocketUrl("auto", "http://127.0.0.1:8545")).isEqualTo("ws://127.0.0.1:8545");
        assertThat(HeadSubscription.webSocketUrl(null, "https://node.example/rpc/key"))
                .isEqualTo("wss://node.example/rpc/key");
        assertThat(HeadSubscription.webSocketUrl("AUTO", "/var/run/geth.ipc")).as("an IPC path: polled").isNull();
    }

    @Test
    void anExplicitUrlOrOffIsTakenAsGiven() {
        assertThat(HeadSubscription.webSocketUrl("wss://other.example/ws", "http://127.0.0.1:8545"))
                .isEqualTo("wss://other.example/ws");
        assertThat(HeadSubscription.webSocketUrl(" off ", "http://127.0.0.1:8545")).isNull();
    }

    @Test
    void aSettingThatIsNoWebSocketUrlIsRefusedAtStart() {
        assertThatThrownBy(() -> HeadSubscription.webSocketUrl("ftp://node.example", "http://127.0.0.1:8545"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("picomesh.agent.node-ws");
    }
}
