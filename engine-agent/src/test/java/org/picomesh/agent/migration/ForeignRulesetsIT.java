package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.picomesh.agent.migration.MoveMesh.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
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
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private static final int PICO = 1;
    private MoveMesh moves;
    private TestPicos picosA;
    private TestPicos picosB;

    @BeforeAll
    void start() throws Exception {
        moves = new MoveMesh("--picomesh.agent.foreign-rulesets=refuse");
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
    void aPicoBringingARulesetTheTargetDoesNotRunIsTurnedAwayUntilItsOperatorRegistersIt() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "stranger", TestPicos.COUNTER);
        picosA.tick(eci);
        String pico = moves.leaseOnAAndEnroll(PICO, eci);

        moves.mesh.pico(PICO).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
        await("B to turn the move away", () -> moves.b.state(pico).equals("REJECTED"));
        await("A to let the pico run again", () -> moves.a.state(pico).equals("ROLLED_BACK"));
        JsonNode rejected = moves.b.moves(pico).get(0);
        assertThat(rejected.path("reason").asText()).as("the reason names the ruleset")
                .contains("does not run").contains(TestPicos.COUNTER);
        assertThat(moves.a.moves(pico).get(0).path("reason").asText()).contains(TestPicos.COUNTER);
        assertThat(picosB.raw(TestPicos.countPath(eci)).statusCode())
                .as("nothing of it on B").isNotEqualTo(200);
        picosA.tick(eci);
        assertThat(picosA.count(eci)).as("it runs on A, its state intact").isEqualTo(2);

        picosB.registerCounter(); // B's operator takes the ruleset in: the same source, the same hash
        moves.mesh.pico(PICO).moveLease(BigInteger.valueOf(moves.engineB_id), ANY_PRICE).send();
        await("the pico to be live on B", () -> moves.b.state(pico).equals("LIVE"));
        picosB.tick(eci);
        assertThat(picosB.count(eci)).as("it runs on B with the state it had on A").isEqualTo(3);
    }
}
