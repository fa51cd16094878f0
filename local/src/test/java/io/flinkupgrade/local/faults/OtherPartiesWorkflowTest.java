package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.reasons;
import static io.flinkupgrade.local.faults.WorkflowRuns.statesEntered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "know the application you upgraded": other parties act on the application while the
 * upgrade runs (the scenarios' {@code actions}), through the real ASL, handlers and emulator, with
 * the outcome, the end state, the exact calls of ours and of the others, and {@link UpgradeInvariants}.
 */
class OtherPartiesWorkflowTest {
    private static final String ORIGINAL_JAR = "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar";
    private static final String NEW_JAR = "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar";
    private static final String THEIR_JAR = "orders-enricher/orders-enricher-1.5.1-flink-1.20.jar";

    private static LocalUpgrade.Result run(String scenario) {
        return run(scenario, consoleInput());
    }

    private static LocalUpgrade.Result run(String scenario, JsonNode input) {
        LocalUpgrade.Result result = WorkflowRuns.run(scenario, input);
        UpgradeInvariants.check(result, input);
        return result;
    }

    private static ApplicationView app(LocalUpgrade.Result result) {
        return result.application().orElseThrow();
    }

    /** Every successful mutating call, ours and the other parties', in order: operation and actor. */
    private static List<String> changes(LocalUpgrade.Result result) {
        return result.mutatingCalls().stream().filter(c -> !c.failed()).map(c -> c.operation() + " by " + c.actor()).toList();
    }

    @Test
    void upgrade_whenSomeoneElseUpdatesDuringTheBake_failsNamingTheirVersionWithoutRollingBack() {
        LocalUpgrade.Result result = run("foreign-update-during-bake");

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("interruption").asText()).isEqualTo("FOREIGN");
        assertThat(reasons(result)).singleElement().asString()
                .contains("changed by another party", "at version 9", "code " + NEW_JAR + " -> " + THEIR_JAR);
        // Read from the application as the run left it (AdviseManualStep): their update to version 9 is still under way,
        // our pinned snapshot is READY.
        assertThat(result.outcome().path("manualStep").asText())
                .startsWith("Someone else changed the application")
                .contains("'orders-enricher' is UPDATING on FLINK-1_20 with " + THEIR_JAR + " (version 9)",
                        "Wait until its Status is RUNNING or READY", "Agree with whoever changed it",
                        "restoring snapshot upgrade-orders-enricher-FLINK-1_20 (RESTORE_FROM_CUSTOM_SNAPSHOT)");
        assertThat(result.outcome().path("applicationNow").path("versionId").asLong()).isEqualTo(9);
        assertThat(changes(result)).containsExactly("CreateApplicationSnapshot by client", "UpdateApplication by client",
                "UpdateApplication by someone-else");
        assertThat(statesEntered(result)).contains("ChangedByAnotherParty").doesNotContain("Rollback", "Upgraded");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.versionId()).isEqualTo(9);
            assertThat(app.codeFileKey()).isEqualTo(THEIR_JAR);
        });
    }

    /** Our runtime and jar, applied by someone else with other settings, is not taken for our own landed update. */
    @Test
    void upgrade_whenSomeoneElseAppliesOurRuntimeAndJarBeforeOurUpdate_isRejectedNotAdopted() {
        LocalUpgrade.Result result = run("foreign-identical-update");

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.ConcurrentUpdateException");
        assertThat(reasons(result)).singleElement().asString()
                .contains("now version 8, FLINK-1_20, " + NEW_JAR, "not by this upgrade",
                        "restore RESTORE_FROM_LATEST_SNAPSHOT, not RESTORE_FROM_CUSTOM_SNAPSHOT upgrade-orders-enricher-FLINK-1_20");
        assertThat(result.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor, RecordedCall::errorCode)
                .containsExactly(
                        tuple("CreateApplicationSnapshot", "client", null),
                        tuple("UpdateApplication", "someone-else", null),
                        tuple("UpdateApplication", "client", "ConcurrentModificationException"));
        assertThat(statesEntered(result)).doesNotContain("WaitForRunning", "Rollback", "Upgraded");
    }

    @Test
    void upgrade_whenTheApplicationIsStoppedDuringTheBake_failsAndLeavesItStopped() {
        LocalUpgrade.Result result = run("stopped-during-bake");

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("interruption").asText()).isEqualTo("STOPPED");
        assertThat(reasons(result)).singleElement().asString().contains("stopped by another party", "version 8 (READY)");
        assertThat(result.outcome().path("manualStep").asText())
                .contains("never judged healthy", "'orders-enricher' is READY on FLINK-1_20",
                        "aws kinesisanalyticsv2 start-application --application-name orders-enricher",
                        "restoring snapshot upgrade-orders-enricher-FLINK-1_20");
        assertThat(changes(result)).containsExactly("CreateApplicationSnapshot by client", "UpdateApplication by client",
                "StopApplication by someone-else");
        assertThat(statesEntered(result)).containsSubsequence("ChangedByAnotherParty", "AdviseManualStep", "Notify");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("READY");
            assertThat(app.runtime()).isEqualTo("FLINK-1_20");
        });
    }

    @Test
    void upgrade_whenMsfAutoscalesDuringAHealthyBake_upgradesAfterTheFullBake() {
        LocalUpgrade.Result result = run("autoscale-during-bake");

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(result.outcome().path("versionAfter").asLong()).isEqualTo(9);
        assertThat(changes(result)).containsExactly("CreateApplicationSnapshot by client", "UpdateApplication by client",
                MsfEmulator.AUTOSCALE_OPERATION + " by msf-autoscaling");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_20");
            assertThat(app.codeFileKey()).isEqualTo(NEW_JAR);
            assertThat(app.versionId()).isEqualTo(9);
        });
        // Bake from 09:02 for 600 s plus the three minutes excused for the scaling: its end moved to 09:15.
        assertThat(reasons(result).get(0)).startsWith("healthy").contains("the bake ended with 11 successful checks");
        assertThat(result.outcome().path("finishedAt").asText()).startsWith("2025-06-02T09:15:00");
    }

    /** RollbackApplication would revert the scaling only; the rollback restores the original runtime and code instead. */
    @Test
    void upgrade_whenMsfAutoscalesARestartLoopingUpgrade_rollsBackToTheOriginalRuntimeAndCode() {
        LocalUpgrade.Result result = run("autoscale-during-broken-bake");

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("RESTORE_SNAPSHOT");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("FAIL: fullRestarts rose by"))
                .anyMatch(r -> r.contains("not our upgrade's 8 (MSF autoscaled it)"));
        assertThat(changes(result)).containsExactly("CreateApplicationSnapshot by client", "UpdateApplication by client",
                MsfEmulator.AUTOSCALE_OPERATION + " by msf-autoscaling", "UpdateApplication by client");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versionId()).isEqualTo(10);
        });
    }

    /**
     * Without a pinned snapshot the rollback has nothing of its own to restore and stops on the
     * autoscaled target; the manual step must not be RollbackApplication, which would only undo the
     * scaling (ApplicationVersionUpdatedFrom is the upgrade's version 8), but the explicit update back
     * from MSF's own snapshot of the original version, taken when the upgrade's update began.
     */
    @Test
    void upgrade_whenMsfAutoscalesARestartLoopingUpgradeWithTheSnapshotTurnedOff_advisesTheUpdateBackNotRollbackApplication() {
        LocalUpgrade.Result result = run("autoscale-during-broken-bake", consoleInput(i -> i.with("snapshot").put("enabled", false)));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.RollbackFailedException");
        assertThat(changes(result)).containsExactly("UpdateApplication by client", MsfEmulator.AUTOSCALE_OPERATION + " by msf-autoscaling");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_20");
            assertThat(app.versionId()).isEqualTo(9);
        });
        String original = app(result).snapshots().stream()
                .filter(s -> s.versionId() == 7 && s.status().equals("READY")).map(s -> s.name()).findFirst().orElseThrow();
        assertThat(result.outcome().path("applicationNow").path("updatedFromVersionId").asLong()).isEqualTo(8);
        assertThat(result.outcome().path("manualStep").asText())
                .contains("'orders-enricher' is RUNNING on FLINK-1_20 with " + NEW_JAR + " (version 9): the upgrade is still in place.",
                        "not with RollbackApplication, which returns to version 8, the one version 9 replaced, "
                                + "not to version 7 the upgrade started from",
                        "Instead, UpdateApplication back to FLINK-1_15 with " + ORIGINAL_JAR + " restoring snapshot " + original
                                + " (RESTORE_FROM_CUSTOM_SNAPSHOT), the newest READY snapshot of FLINK-1_15 state (version 7")
                .doesNotContain("aws kinesisanalyticsv2 rollback-application");
    }
}
