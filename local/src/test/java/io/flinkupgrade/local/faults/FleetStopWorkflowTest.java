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
 * Stopping a fleet (issue 12 item 6): the wave items start each upgrade Request Response and follow
 * it with DescribeExecution, so StopExecution on the fleet aborts its Map Run and the items' polling,
 * never an upgrade. Every upgrade already started finishes (or rolls back) on its own and releases its
 * lease; no application of a later wave is touched; starting the fleet again finishes the rollout.
 */
class FleetStopWorkflowTest {
    private static final JsonNode INPUT = readJson(repoFile("events", "fleet-input.json"));
    private static final List<String> SECOND_WAVE = List.of("payments-02", "payments-03", "payments-04", "payments-05");

    @Test
    void aFleetStoppedMidWave_letsEveryStartedUpgradeFinishOnItsOwn_andTouchesNoLaterWave_andARerunFinishesTheRollout() {
        try (LocalUpgrade.Session session = LocalUpgrade.session(WorkflowRuns.DEFINITION, Scenario.load("fleet-healthy"), e -> { }, n -> { })) {
            // The canary ends at about +12 min; the second wave's updates land about 2 minutes later and bake until about +24 min.
            FleetResult stopped = session.runFleetStopped(INPUT, "fleet-stopped", Duration.ofMinutes(18));

            assertThat(stopped.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(stopped.upgrades()).hasSize(5);
            FleetInvariants.checkStopped(stopped, INPUT);
            assertThat(stopped.upgrades()).allSatisfy(child -> {
                assertThat(child.status()).as(child.name()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(child.output().path("outcome").asText()).as(child.name()).isEqualTo("UPGRADED");
            });
            assertThat(stopped.upgrades().subList(1, 5)).allSatisfy(child -> assertThat(child.stopDate())
                    .as(child.name() + ", the second wave's, ended after the fleet stopped").isAfter(stopped.execution().stopTime()));
            for (String name : SECOND_WAVE) {
                assertThat(stopped.after().get(name).orElseThrow().runtime()).as(name + ", baked to its end").isEqualTo("FLINK-1_20");
            }
            for (String name : List.of("payments-06", "payments-09", "payments-12")) {
                assertThat(stopped.mutatingCallsOn(name)).as(name + ", in a wave not started").isEmpty();
            }

            FleetResult rerun = session.runFleet(INPUT, "fleet-rerun");

            FleetInvariants.check(rerun, INPUT);
            assertThat(rerun.outcomeName()).isEqualTo("COMPLETED");
            // The upgrades the stop left running ended minutes ago, within timeouts.runningSeconds + health.bakeSeconds: the
            // plan counts them as in flight, and their children confirm them without a second update.
            for (String name : List.of("payments-01", "payments-02", "payments-03", "payments-04", "payments-05")) {
                assertThat(rerun.outcomeOf(name)).as(name).isEqualTo("UPGRADED");
                assertThat(rerun.mutatingCallsOn(name)).as(name + ": not updated again").noneMatch(call -> call.operation().equals("UpdateApplication"));
            }
            assertThat(rerun.outcome().path("counts").path("UPGRADED").asInt()).isEqualTo(12);
            assertThat(rerun.mutatingCallsOn("payments-06").stream().map(call -> call.operation()))
                    .containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        }
    }
}
