package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.statesEntered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * An execution killed part-way (StopExecution) and the upgrade started again under a new execution
 * name, against the same emulator and clock: the second execution finds where the application
 * stands and converges, with no second snapshot and no second update.
 */
class RerunConvergenceWorkflowTest {
    private static final String RERUN = "orders-enricher-FLINK-1_20-rerun";

    private static Predicate<HistoryEvent> afterSuccessOf(String state) {
        return e -> e.type() == HistoryEventType.TASK_SUCCEEDED && state.equals(e.stateName());
    }

    private static long count(Iterable<RecordedCall> calls, String operation) {
        long n = 0;
        for (RecordedCall call : calls) {
            if (call.operation().equals(operation) && !call.failed()) {
                n++;
            }
        }
        return n;
    }

    private static LocalUpgrade.Session session(String scenario) {
        return LocalUpgrade.session(WorkflowRuns.DEFINITION, Scenario.load(scenario), event -> { }, notification -> { });
    }

    @Test
    void rerun_afterAKillOnceTheSnapshotWasRequested_adoptsThatSnapshotAndUpgrades() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session("healthy-upgrade")) {
            LocalUpgrade.Result killed = session.run(input, "orders-enricher-FLINK-1_20", afterSuccessOf("TakeSnapshot"));
            assertThat(killed.execution().status()).isEqualTo(ExecutionStatus.ABORTED);

            LocalUpgrade.Result rerun = session.run(input, RERUN, e -> false);

            assertThat(rerun.outcomeName()).isEqualTo("UPGRADED");
            UpgradeInvariants.check(rerun, input);
            assertThat(count(session.mutatingCalls(), "CreateApplicationSnapshot")).isEqualTo(1);
            assertThat(count(session.mutatingCalls(), "UpdateApplication")).isEqualTo(1);
            assertThat(rerun.outcome().path("snapshotName").asText()).isEqualTo("upgrade-orders-enricher-FLINK-1_20");
            assertThat(session.application("orders-enricher").orElseThrow()).satisfies(app -> {
                assertThat(app.runtime()).isEqualTo("FLINK-1_20");
                assertThat(app.versionId()).isEqualTo(8);
                // One snapshot of ours; MSF's automatic snapshot of the update is the other.
                assertThat(app.snapshots()).filteredOn(s -> s.name().startsWith("upgrade-"))
                        .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("READY"));
                assertThat(app.snapshots()).hasSize(2);
            });
        }
    }

    @Test
    void rerun_afterAKillOnceTheUpdateLanded_resumesTheUpgradeWithoutUpdatingAgain() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session("healthy-upgrade")) {
            session.run(input, "orders-enricher-FLINK-1_20", afterSuccessOf("UpdateApplication"));
            assertThat(session.application("orders-enricher").orElseThrow().status()).isEqualTo("UPDATING");

            LocalUpgrade.Result rerun = session.run(input, RERUN, e -> false);

            assertThat(rerun.outcomeName()).isEqualTo("UPGRADED");
            assertThat(rerun.mutatingCalls()).isEmpty();
            assertThat(count(session.mutatingCalls(), "CreateApplicationSnapshot")).isEqualTo(1);
            assertThat(count(session.mutatingCalls(), "UpdateApplication")).isEqualTo(1);
            assertThat(statesEntered(rerun)).containsSubsequence("Preflight", "IsResuming", "ResumeUpgrade", "WaitForRunning",
                    "CheckHealth", "Upgraded").doesNotContain("TakeSnapshot", "UpdateApplication");
            assertThat(rerun.outcome().path("fromRuntime").asText()).isEqualTo("FLINK-1_15");
            assertThat(rerun.outcome().path("versionBefore").asLong()).isEqualTo(7);
            assertThat(rerun.outcome().path("versionAfter").asLong()).isEqualTo(8);
            assertThat(rerun.outcome().path("snapshotName").asText()).isEqualTo("upgrade-orders-enricher-FLINK-1_20");
            assertThat(rerun.outcome().path("warnings").toString()).contains("Resuming an upgrade an earlier execution applied");
            UpgradeInvariants.check(rerun, input);
        }
    }

    @Test
    void rerun_afterAKillOnceAnUnhealthyUpdateLanded_rollsBackToTheVersionBeforeTheUpgrade() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session("incompatible-state")) {
            session.run(input, "orders-enricher-FLINK-1_20", afterSuccessOf("UpdateApplication"));

            LocalUpgrade.Result rerun = session.run(input, RERUN, e -> false);

            assertThat(rerun.outcomeName()).isEqualTo("ROLLED_BACK");
            assertThat(count(session.mutatingCalls(), "UpdateApplication")).isEqualTo(1);
            assertThat(rerun.mutatingCalls()).extracting(RecordedCall::operation).containsExactly("RollbackApplication");
            assertThat(session.application("orders-enricher").orElseThrow()).satisfies(app -> {
                assertThat(app.runtime()).isEqualTo("FLINK-1_15");
                assertThat(app.codeFileKey()).isEqualTo("orders-enricher/orders-enricher-1.4.0-flink-1.15.jar");
                assertThat(app.status()).isEqualTo("RUNNING");
            });
            UpgradeInvariants.check(rerun, input);
        }
    }
}
