package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;
import static org.picomesh.agent.picoengine.TestPicos.countPath;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * A pico moves from A to B and back to A while A still keeps its moved copy (a 10 minute grace): A takes it back,
 * deleting the old copy first, and the pico runs on A with the state it had on B; B keeps its own copy marked moved,
 * so no two copies ever run, and A's front door no longer forwards to B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoveBackIT {
    private static final int PICO = 1;
    private CounterMoves mesh;
    private MoveMesh moves;
    private TestPicos picosA;
    private TestPicos picosB;

    @BeforeAll
    void start() throws Exception {
        mesh = new CounterMoves("--picomesh.agent.moved-copy-grace=10m");
        moves = mesh.moves;
        picosA = mesh.picosA;
        picosB = mesh.picosB;
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aPicoMovesBackToAHostThatStillKeepsItsMovedCopy() throws Exception {
        String parent = mesh.counterOnA("boomerang");
        String child = picosA.child(parent, "boomerang-child", TestPicos.COUNTER);
        picosA.tick(child);
        String pico = moves.leaseOnAAndEnroll(PICO, parent);

        mesh.moveLease(PICO, moves.engineB_id);
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        await("A to keep its copy marked moved", () -> moves.a.state(pico).equals("MOVED"));
        picosB.tick(parent);
        assertThat(picosB.count(parent)).as("it runs on B").isEqualTo(2);

        mesh.moveLease(PICO, moves.mesh.engineId);
        await("the pico to be live on A again", () -> moves.a.state(pico).equals("LIVE"));

        assertThat(picosA.count(parent)).as("A runs the state it had on B").isEqualTo(2);
        assertThat(picosA.count(child)).isEqualTo(1);
        JsonNode journalA = moves.a.moves(pico);
        assertThat(journalA.get(0).path("side").asText()).isEqualTo("TARGET");
        JsonNode earlier = journalA.get(1);
        assertThat(earlier.path("side").asText()).isEqualTo("SOURCE");
        assertThat(earlier.path("state").asText()).as("the old copy's move ended before the grace").isEqualTo("DONE");
        assertThat(lastDetail(earlier)).contains("moves back here");
        // B sees the acceptance through its own follower: it may mark its copy moved a moment after A runs the pico
        await("B to keep its copy marked moved, for its own grace", () -> moves.b.state(pico).equals("MOVED"));
        assertThat(picosB.raw(countPath(parent)).statusCode()).as("B's engine sends callers on").isEqualTo(302);

        assertThat(moves.a.tick(parent).statusCode()).isEqualTo(200);
        assertThat(picosA.count(parent)).as("an event to A's front door runs on A, not forwarded to B")
                .isEqualTo(3);
        var lease = moves.mesh.pico(PICO).currentLease(pico).send();
        assertThat(lease.engineId.longValueExact()).isEqualTo(moves.mesh.engineId);
    }

    private static String lastDetail(JsonNode move) {
        JsonNode steps = move.path("steps");
        return steps.get(steps.size() - 1).path("detail").asText();
    }
}
