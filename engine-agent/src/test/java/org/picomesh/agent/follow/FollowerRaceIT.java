package org.picomesh.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.Await;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * The follower on anvil, when a row its events change was changed meanwhile (as when a move's acceptance is mined
 * while the worker records its own step of that move): the block's events are read and applied again at once, not at
 * the next poll; here the polls are an hour apart and the node's new heads are not followed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowerRaceIT {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);
    private AgentMesh mesh;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aBlockWhoseRowsChangedMeanwhileIsFollowedAgainAtOnce() throws Exception {
        mesh.pico(1).openLease(BigInteger.valueOf(mesh.engineId), ANY_PRICE, AgentMesh.ether("0.01")).send();
        RacedTwice listener = new RacedTwice();

        mesh.startAgent(mesh.engineId, mesh.engine.url(), AgentMesh.AGENT, Map.of("racedTwice", listener),
                mesh.newDataDir(), "--picomesh.agent.poll=1h", "--picomesh.agent.head-poll=1h",
                "--picomesh.agent.node-ws=off");

        Await.until(Duration.ofSeconds(30), "the lease opened to be applied after the race",
                () -> listener.applied.stream().anyMatch(e -> e instanceof MarketEvent.LeaseOpened));
        assertThat(listener.raced).as("the first applications raced").hasValue(RacedTwice.RACES);
        assertThat(listener.applied.stream().filter(e -> e instanceof MarketEvent.LeaseOpened).count())
                .as("applied once, after the rolled-back attempts").isEqualTo(1);
    }

    /**
     * Fails its first two lease events as a changed row would, then applies the events as they come. Twice: a starting
     * agent ticks twice (its poll's first tick, its head poll's first look), so one failure alone would also be
     * followed again without the retry.
     */
    private static final class RacedTwice implements MarketListener {
        static final int RACES = 2;
        final AtomicInteger raced = new AtomicInteger();
        final List<MarketEvent> applied = new CopyOnWriteArrayList<>();

        @Override
        public void apply(Located<MarketEvent> event) {
            if (event.event() instanceof MarketEvent.LeaseOpened && raced.getAndUpdate(n -> Math.min(n + 1, RACES))
                    < RACES) {
                throw new ObjectOptimisticLockingFailureException("move", 1L);
            }
            applied.add(event.event());
        }

        @Override
        public void rewind(long block) {
            applied.clear();
        }
    }
}
