package org.picomesh.agent.advert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The capacity the advert promises: only slots the engine really has, never below the leases active. */
class CapacityPlanTest {
    @Test
    void anEmptyEnginePromisesItsMaximum() {
        assertThat(new CapacityPlan(10, 0, 0, 0).capacity()).isEqualTo(10);
    }

    @Test
    void picosWithoutALeaseHereTakeSlotsAway() {
        assertThat(new CapacityPlan(10, 3, 0, 0).capacity()).isEqualTo(7);
        assertThat(new CapacityPlan(10, 3, 0, 5).capacity()).isEqualTo(7);
    }

    @Test
    void leasedPicosOnTheEngineAreNotCountedTwice() {
        CapacityPlan plan = new CapacityPlan(10, 5, 4, 4);
        assertThat(plan.offMarket()).isEqualTo(1);
        assertThat(plan.capacity()).isEqualTo(9);
    }

    @Test
    void neverBelowTheLeasesActiveNorZero() {
        assertThat(new CapacityPlan(4, 3, 0, 2).capacity()).isEqualTo(2);
        assertThat(new CapacityPlan(4, 9, 0, 0).capacity()).as("the registry refuses a zero capacity").isEqualTo(1);
    }

    @Test
    void neverAboveWhatTheRegistryCanHold() {
        assertThat(new CapacityPlan(1L << 30, 0, 0, 0).capacity()).isEqualTo((1L << 24) - 1);
    }
}
