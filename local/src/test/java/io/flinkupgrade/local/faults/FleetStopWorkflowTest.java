package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stopping a fleet (issue 12 item 6): StopExecution on the fleet stops its Map Run, whose running
 * iterations stop their .sync children (the engine's INFERRED reading of AWS's documentation): the
 * running upgrades end ABORTED. Safe means each application is left with no lease held and is either
 * untouched or resumable, and starting the fleet again finishes every upgrade it interrupted.
 */
class FleetStopWorkflowTest {
    private static final JsonNode INPUT = readJson(repoFile("events", "fleet-input.json"));
    private static final List<String> SECOND_WAVE = List.of("payments-02", "payments-03", "payments-04", "payments-05");

    @Test
    void aFleetStoppedMidWave_leavesNoLeaseAndTouchesNoLaterWave_andARerunFinishesTheInterruptedUpgrades() {
        try (LocalUpgrade.Session session = LocalUpgrade.session(WorkflowRuns.DEFINITION, Scenario.load("fleet-healthy"), e -> { }, n -> { })) {
            // The canary ends at +12 min; the second wave's updates land about 2 minutes later and bake until +24 min.
            FleetResult stopped = session.runFleetStopped(INPUT, "fleet-stopped", Duration.ofMinutes(18));

            assertThat(stopped.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(stopped.upgrades()).hasSize(5);
            assertThat(stopped.upgrades().subList(1, 5)).allSatisfy(child -> assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED));
            assertThat(stopped.leasesAfter().values()).allSatisfy(lease -> assertThat(lease).isEmpty());
            for (String name : SECOND_WAVE) {
                assertThat(stopped.after().get(name).orElseThrow().runtime()).as(name + ", updated and left unbaked").isEqualTo("FLINK-1_20");
            }
            for (String name : List.of("payments-06", "payments-09", "payments-12")) {
                assertThat(stopped.mutatingCallsOn(name)).as(name + ", in a wave not started").isEmpty();
            }

            FleetResult rerun = session.runFleet(INPUT, "fleet-rerun");

            FleetInvariants.check(rerun, INPUT);
            assertThat(rerun.outcomeName()).isEqualTo("COMPLETED");
            // The canary's upgrade is recent enough (within timeouts.runningSeconds + health.bakeSeconds) to count as
            // in flight too, so the re-run bakes it again rather than skipping it; the first wave never started is fresh.
            for (String name : List.of("payments-01", "payments-02", "payments-03", "payments-04", "payments-05")) {
                assertThat(rerun.outcomeOf(name)).as(name + ", resumed").isEqualTo("UPGRADED");
                assertThat(rerun.mutatingCallsOn(name)).as(name + ": resumed, not updated again").noneMatch(call -> call.operation().equals("UpdateApplication"));
            }
            assertThat(rerun.outcome().path("counts").path("UPGRADED").asInt()).isEqualTo(12);
            assertThat(rerun.mutatingCallsOn("payments-06").stream().map(call -> call.operation()))
                    .containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        }
    }
}
