package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agents that never poll the chain (their follower's poll and their head poll an hour apart) still carry out a move
 * that the pico's own key asked for: anvil announces each new block over WebSocket ({@code eth_subscribe}), and each
 * announcement is followed at once. Without the subscription neither agent would see the request for an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveFollowsNewHeadsIT {
    private static final int PICO = 1;
    private CounterMoves mesh;

    @BeforeAll
    void start() throws Exception {
        mesh = new CounterMoves("--picomesh.agent.poll=1h", "--picomesh.agent.head-poll=1h");
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aMoveAskedByThePicosOwnKeyIsCarriedOutOnTheNodesAnnouncementsAlone() throws Exception {
        MoveMesh moves = mesh.moves;
        String eci = mesh.counterOnA("announced");
        String pico = moves.leaseOnAAndEnroll(PICO, eci);

        mesh.moveLease(PICO, moves.engineB_id);
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        await("A to see the acceptance and keep its copy marked moved", () -> moves.a.state(pico).equals("MOVED")
                || moves.a.state(pico).equals("DONE"));
        mesh.picosB.tick(eci);
        assertThat(mesh.picosB.count(eci)).as("the pico runs on B with the state it had on A").isEqualTo(2);
    }
}
