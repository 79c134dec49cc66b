package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * Agents that never poll the chain (their follower's poll and their head poll an hour apart) still carry out a move
 * that the pico's own key asked for: anvil announces each new block over WebSocket ({@code eth_subscribe}), and each
 * announcement is followed at once. Without the subscription neither agent would see the request for an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveFollowsNewHeadsIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private static final int PICO = 1;
    private MoveMesh moves;
    private TestPicos picosA;
    private TestPicos picosB;

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.poll=1h", "--picomesh.agent.head-poll=1h");
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosA.registerCounter();
    }

    @AfterAll
    void stop() throws Exception {
        if (moves != null) {
            moves.close();
        }
    }

    @Test
    void aMoveAskedByThePicosOwnKeyIsCarriedOutOnTheNodesAnnouncementsAlone() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "announced", TestPicos.COUNTER);
        picosA.tick(eci);
        String pico = moves.leaseOnAAndEnroll(PICO, eci);

        moves.mesh.pico(PICO).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        await("A to see the acceptance and keep its copy marked moved", () -> moves.a.state(pico).equals("MOVED")
                || moves.a.state(pico).equals("DONE"));
        picosB.tick(eci);
        assertThat(picosB.count(eci)).as("the pico runs on B with the state it had on A").isEqualTo(2);
    }
}
