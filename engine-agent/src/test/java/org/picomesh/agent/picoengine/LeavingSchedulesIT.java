package org.picomesh.agent.picoengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.picomesh.agent.Await;

/**
 * A scheduled event that falls due while its pico is leaving: pico-engine 0.48.1 removes it and refuses its event.
 * Read before the pico was marked leaving, it is carried: it fires once when the pico runs again where it was (a
 * rolled back move) or on the engine it moved to, and a schedule not due yet is restored there as a schedule.
 */
class LeavingSchedulesIT extends OnTwoEngines {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How far ahead what fell due while leaving is scheduled again, as the agent does. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    @BeforeAll
    static void registerCounters() {
        picosA.registerCounter();
        picosB.registerCounter();
    }

    @Test
    void anEventDueWhileThePicoWasLeavingFiresOnceWhenItRunsHereAgain() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "stays", TestPicos.COUNTER);
        picosA.scheduleTickIn(eci, 2);
        Pico pico = a.find(eci).orElseThrow();
        String carried = a.schedules(pico);

        a.markLeaving(pico);
        await("the engine to drop the due schedule", () -> a.schedules(pico).equals("[]"));
        String plan = a.planCatchUp(pico, carried, CATCH_UP);
        int restored = a.restorePlanned(pico, plan);
        a.unmarkLeaving(pico);
        assertThat(picosA.count(eci)).as("0.48.1 lost the event, restored ahead").isZero();

        assertThat(restored).isEqualTo(1);
        await("the event to fire", () -> picosA.count(eci) == 1);
        Thread.sleep(1000);
        assertThat(picosA.count(eci)).as("once").isEqualTo(1);
        assertThat(a.restorePlanned(pico, plan)).as("the plan taken again restores nothing twice").isZero();
    }

    @Test
    void anEventDueWhileThePicoMovesFiresOnceOnTheTargetAndALaterOneStaysScheduled() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "moves", TestPicos.COUNTER);
        picosA.scheduleTickIn(eci, 2);
        picosA.scheduleTick(eci); // an hour ahead
        Pico pico = a.find(eci).orElseThrow();
        String carried = a.schedules(pico);

        a.markLeaving(pico);
        await("the engine to drop the due schedule", () -> !a.schedules(pico).contains("\"soon\""));
        Snapshot snapshot = a.export(pico, carried);
        Imported imported = b.importIdempotent(b.root(), snapshot);
        CheckResult check = b.check(imported.pico(), snapshot);
        snapshot.erase();
        Pico onB = b.find(eci).orElseThrow();
        int restored = b.restorePlanned(onB, b.planCatchUp(onB, imported.schedules(), CATCH_UP));
        b.unmarkLeaving(onB);

        assertThat(check).isEqualTo(new CheckResult.Same());
        assertThat(imported.restoredSchedules()).as("the later one, restored as a schedule").isEqualTo(1);
        assertThat(restored).as("the one due during the move").isEqualTo(1);
        await("the event to fire on B", () -> picosB.count(eci) == 1);
        Thread.sleep(1000);
        assertThat(picosB.count(eci)).as("once").isEqualTo(1);
        assertThat(b.schedules(b.find(eci).orElseThrow())).as("the later one waits on B").contains("\"schedule\"")
                .doesNotContain("\"soon\"");
    }

    /**
     * The source's leave taken again (its agent died after the engine marked the pico leaving, and the engine dropped
     * the event that fell due since): the second snapshot still carries it, and it fires once on the target.
     */
    @Test
    void aLeaveTakenAgainAfterAScheduleFellDueStillCarriesItAndItFiresOnceOnTheTarget() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "leaves twice", TestPicos.COUNTER);
        String admin = leftWhileAScheduleFellDue(eci).adminEci();

        Snapshot again = a.leave(admin, null);
        Imported imported = b.importIdempotent(b.root(), again);
        again.erase();
        Pico onB = b.find(eci).orElseThrow();
        int restored = b.restorePlanned(onB, b.planCatchUp(onB, imported.schedules(), CATCH_UP));
        b.unmarkLeaving(onB);

        assertThat(restored).as("the one due while leaving, carried by the second leave").isEqualTo(1);
        await("the event to fire on B", () -> picosB.count(eci) == 1);
        Thread.sleep(1000);
        assertThat(picosB.count(eci)).as("once").isEqualTo(1);
    }

    /** A source rolling back reads what the engine kept when the pico left; once the pico runs, nothing is kept. */
    @Test
    void whatALeavingPicoCarriedIsReadBackUntilItRunsAgain() throws Exception {
        String eci = picosA.child(picosA.rootEci(), "rolls back", TestPicos.COUNTER);
        Pico pico = leftWhileAScheduleFellDue(eci);

        String carried = a.carried(pico);
        int restored = a.restorePlanned(pico, a.planCatchUp(pico, carried, CATCH_UP));
        a.unmarkLeaving(pico);

        assertThat(ScheduledEvents.parse(carried)).as("the event due while leaving").hasSize(1);
        assertThat(restored).isEqualTo(1);
        assertThat(a.carried(pico)).as("kept no longer once the pico runs").isEqualTo("[]");
        await("the event to fire", () -> picosA.count(eci) == 1);
        Thread.sleep(1000);
        assertThat(picosA.count(eci)).as("once").isEqualTo(1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(WAIT, what, condition);
    }

    /** The pico, with a tick due in 2 s, left A; the engine then dropped the tick as it fell due. */
    private Pico leftWhileAScheduleFellDue(String eci) throws Exception {
        picosA.scheduleTickIn(eci, 2);
        a.leave(a.find(eci).orElseThrow().adminEci(), null).erase();
        Pico pico = a.find(eci).orElseThrow();
        await("the engine to drop the due schedule", () -> a.schedules(pico).equals("[]"));
        return pico;
    }
}
