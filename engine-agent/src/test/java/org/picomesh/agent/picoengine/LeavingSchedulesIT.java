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

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(WAIT, what, condition);
    }
}
