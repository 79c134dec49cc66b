package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * Agents set to refuse foreign rulesets ({@code picomesh.agent.foreign-rulesets=refuse}): a pico whose ruleset only
 * its source engine runs is turned away by the target before anything is imported, the reason naming the ruleset, and
 * lives on at its source; once the target's operator registers that ruleset, the same pico moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignRulesetsIT {
    private static final int PICO = 1;
    private CounterMoves mesh;

    @BeforeAll
    void start() throws Exception {
        mesh = new CounterMoves("--picomesh.agent.foreign-rulesets=refuse");
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aPicoBringingARulesetTheTargetDoesNotRunIsTurnedAwayUntilItsOperatorRegistersIt() throws Exception {
        MoveMesh moves = mesh.moves;
        String eci = mesh.counterOnA("stranger");
        String pico = moves.leaseOnAAndEnroll(PICO, eci);

        mesh.moveLease(PICO, moves.engineB_id);
        await("B to turn the move away", () -> moves.b.state(pico).equals("REJECTED"));
        await("A to let the pico run again", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        assertThat(moves.b.moves(pico).get(0).path("reason").asText()).as("the reason names the ruleset")
                .contains("does not run").contains(TestPicos.COUNTER);
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains(TestPicos.COUNTER);
        assertThat(mesh.picosB.raw(TestPicos.countPath(eci)).statusCode()).as("nothing of it on B")
                .isNotEqualTo(200);
        mesh.picosA.tick(eci);
        assertThat(mesh.picosA.count(eci)).as("it runs on A, its state intact").isEqualTo(2);

        mesh.picosB.registerCounter(); // B's operator takes the ruleset in: the same source, the same hash
        mesh.moveLease(PICO, moves.engineB_id);
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        mesh.picosB.tick(eci);
        assertThat(mesh.picosB.count(eci)).as("it runs on B with the state it had on A").isEqualTo(3);
    }
}
