package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.events;
import static io.flinkupgrade.local.faults.WorkflowRuns.reasons;
import static io.flinkupgrade.local.faults.WorkflowRuns.statesEntered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix (issue 6): each fault a bundled emulator scenario injects, run through the real
 * ASL, the real handlers and the emulator, with the outcome, the application's end state, the
 * snapshot, the reasons and the history that proves the branch taken. Every run also passes
 * {@link UpgradeInvariants}. The README's "What happens when things go wrong" table is this class.
 */
class FaultMatrixWorkflowTest {
    private static final String TRANSIENT = "io.flinkupgrade.errors.TransientServiceException";
    private static final String BUSY = "io.flinkupgrade.errors.ApplicationBusyException";
    private static final String ORIGINAL_JAR = "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar";
    private static final String NEW_JAR = "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar";
    private static final String SNAPSHOT = "upgrade-orders-enricher-FLINK-1_20";

    /** Runs the scenario and checks the invariants every scenario must keep. */
    private static LocalUpgrade.Result run(String scenario, JsonNode input) {
        LocalUpgrade.Result result = WorkflowRuns.run(scenario, input);
        UpgradeInvariants.check(result, input);
        return result;
    }

    private static ApplicationView app(LocalUpgrade.Result result) {
        return result.application().orElseThrow();
    }

    private static List<String> operations(LocalUpgrade.Result result) {
        return result.mutatingCalls().stream().filter(c -> !c.failed()).map(RecordedCall::operation).toList();
    }

    private static void assertUpgraded(LocalUpgrade.Result result) {
        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_20");
            assertThat(app.codeFileKey()).isEqualTo(NEW_JAR);
            assertThat(app.versionId()).isEqualTo(8);
        });
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        assertThat(result.outcome().path("snapshotName").asText()).isEqualTo(SNAPSHOT);
    }

    /** Back on the original runtime and code through RollbackApplication: version 7 -> 8 (upgrade) -> 9 (rollback). */
    private static void assertRolledBack(LocalUpgrade.Result result) {
        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versionId()).isEqualTo(9);
        });
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot", "UpdateApplication", "RollbackApplication");
        assertThat(result.outcome().path("snapshotName").asText()).isEqualTo(SNAPSHOT);
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("ROLLBACK_APPLICATION");
    }

    /** Nothing but (at most) the snapshot was asked of MSF: the application is still version 7 on FLINK-1_15. */
    private static void assertUntouched(LocalUpgrade.Result result) {
        assertThat(result.mutatingCalls()).noneMatch(c -> c.operation().equals("UpdateApplication") && !c.failed());
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versionId()).isEqualTo(7);
        });
    }

    /**
     * Each of {@code states} failed transiently at least {@code times} times, retried after a delay on
     * the virtual clock (the next attempt starts later than the failure), and then succeeded.
     */
    private static void assertRetriedThenSucceeded(LocalUpgrade.Result result, String error, int times, String... states) {
        for (String state : states) {
            List<HistoryEvent> retries = events(result, HistoryEventType.RETRY_SCHEDULED, state);
            assertThat(retries).as("retries of %s", state).hasSizeGreaterThanOrEqualTo(times)
                    .allSatisfy(r -> assertThat(r.detail()).endsWith("after " + error));
            HistoryEvent firstFailure = result.execution().history().stream()
                    .filter(e -> state.equals(e.stateName()))
                    .filter(e -> e.type() == HistoryEventType.TASK_FAILED || e.type() == HistoryEventType.TASK_TIMED_OUT)
                    .findFirst().orElseThrow();
            HistoryEvent success = events(result, HistoryEventType.TASK_SUCCEEDED, state).get(0);
            assertThat(success.id()).as("%s succeeded after its retries", state).isGreaterThan(retries.get(times - 1).id());
            assertThat(success.timestamp()).as("%s backed off in virtual time", state).isAfter(firstFailure.timestamp());
        }
    }

    /** Every listed operation answered {@code errorCode} at least twice before it answered. */
    private static void assertFailedThenAnswered(LocalUpgrade.Result result, List<String> errorCodes, String... operations) {
        for (String operation : operations) {
            List<RecordedCall> calls = result.calls().stream().filter(c -> c.operation().equals(operation)).toList();
            assertThat(calls).as(operation).filteredOn(c -> c.failed() && errorCodes.contains(c.errorCode())).hasSizeGreaterThanOrEqualTo(2);
            assertThat(calls).as(operation).anyMatch(c -> !c.failed());
        }
    }

    // ---- no fault -----------------------------------------------------------------------------

    @Test
    void upgrade_whenTheJobStaysHealthy_upgradesAfterTheBakeAndNotifies() {
        LocalUpgrade.Result result = run("healthy-upgrade", consoleInput());

        assertUpgraded(result);
        assertThat(result.mutatingCalls()).noneMatch(RecordedCall::failed);
        assertThat(result.outcome().path("health").path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(reasons(result)).first().asString().startsWith("healthy on 10 checks with data over 600 s");
        assertThat(statesEntered(result)).containsSubsequence("CheckStatus", "CheckHealth", "Upgraded");
        assertThat(result.notifications()).extracting(n -> n.title())
                .contains("Flink Upgrade Started", "Flink upgrade UPGRADED: orders-enricher");
    }

    // ---- transient service errors -------------------------------------------------------------

    /** Preflight's baseline read absorbs the GetMetricData and DescribeAlarms faults (CheckHealth calls them too). */
    @Test
    void upgrade_whenEveryOperationIsThrottled_retriesWithBackoffAndUpgrades() {
        LocalUpgrade.Result result = run("throttling", consoleInput(i -> i.with("health").putArray("alarmNames").add("orders-enricher-errors")));

        assertUpgraded(result);
        assertFailedThenAnswered(result, List.of("ThrottlingException", "Throttling"), "DescribeApplication", "ListApplicationSnapshots",
                "CreateApplicationSnapshot", "DescribeApplicationSnapshot", "UpdateApplication", "DescribeApplicationOperation",
                "GetMetricData", "DescribeAlarms");
        assertRetriedThenSucceeded(result, TRANSIENT, 2, "Preflight", "TakeSnapshot", "CheckSnapshot", "UpdateApplication",
                "CheckStatus");
    }

    @Test
    void upgrade_whenEveryOperationFailsWithServerErrors_retriesWithBackoffAndUpgrades() {
        LocalUpgrade.Result result = run("server-errors", consoleInput(i -> i.with("health").putArray("alarmNames").add("orders-enricher-errors")));

        assertUpgraded(result);
        assertFailedThenAnswered(result, List.of("ServiceUnavailableException", "InternalServiceError"), "DescribeApplication",
                "ListApplicationSnapshots", "CreateApplicationSnapshot", "DescribeApplicationSnapshot", "UpdateApplication",
                "DescribeApplicationOperation", "GetMetricData", "DescribeAlarms");
        assertRetriedThenSucceeded(result, TRANSIENT, 2, "Preflight", "TakeSnapshot", "CheckSnapshot", "UpdateApplication",
                "CheckStatus");
    }

    @Test
    void rollback_whenRollbackApplicationIsThrottledAndFailsWithServerErrors_retriesAndRollsBack() {
        LocalUpgrade.Result result = run("rollback-throttled", consoleInput());

        assertRolledBack(result);
        assertThat(result.calls()).filteredOn(c -> c.operation().equals("RollbackApplication")).extracting(RecordedCall::errorCode)
                .containsExactly("ThrottlingException", "ThrottlingException", "ServiceUnavailableException",
                        "ServiceUnavailableException", null);
        assertRetriedThenSucceeded(result, TRANSIENT, 4, "Rollback");
    }

    @Test
    void upgrade_whenATaskOutlivesItsTimeout_retriesTheTaskAndUpgrades() {
        LocalUpgrade.Result result = run("slow-call", consoleInput());

        assertUpgraded(result);
        assertThat(events(result, HistoryEventType.TASK_TIMED_OUT, "Preflight")).hasSize(1);
        assertRetriedThenSucceeded(result, "States.Timeout", 1, "Preflight");
    }

    // ---- concurrency --------------------------------------------------------------------------

    @Test
    void upgrade_whenSomeoneElseUpdatesAfterPreflight_endsRejectedWithoutOverwritingTheirChange() {
        LocalUpgrade.Result result = run("concurrent-update", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.ConcurrentUpdateException");
        assertThat(reasons(result)).singleElement().asString()
                .contains("changed after Preflight read it at version 7 (now version 8").contains("not applied over that change");
        // Their change (version 8, still FLINK-1_15 and the old jar) is what runs; ours was refused on the stale token.
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.versionId()).isEqualTo(8);
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versions()).last().satisfies(v -> assertThat(v.updatedFrom()).isEqualTo(7));
        });
        assertThat(result.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::actor, RecordedCall::errorCode).containsExactly(
                tuple("CreateApplicationSnapshot", "client", null),
                tuple("UpdateApplication", "someone-else", null),
                tuple("UpdateApplication", "client", "ConcurrentModificationException"));
        assertThat(statesEntered(result)).doesNotContain("WaitForRunning", "Rollback");
    }

    @Test
    void upgrade_whenTheApplicationIsBrieflyBusy_retriesTheUpdateAndUpgrades() {
        LocalUpgrade.Result result = run("app-busy", consoleInput());

        assertUpgraded(result);
        assertRetriedThenSucceeded(result, BUSY, 2, "UpdateApplication");
    }

    @Test
    void upgrade_whenTheApplicationStaysBusy_endsRejectedWithNothingChanged() {
        LocalUpgrade.Result result = run("app-busy-forever", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("error").asText()).isEqualTo(BUSY);
        assertThat(reasons(result)).singleElement().asString().contains("another operation is in progress");
        assertUntouched(result);
        // The first attempt and its four retries, all refused.
        assertThat(result.calls()).filteredOn(c -> c.operation().equals("UpdateApplication")).hasSize(5)
                .allMatch(c -> "ResourceInUseException".equals(c.errorCode()));
        assertThat(events(result, HistoryEventType.RETRY_SCHEDULED, "UpdateApplication")).hasSize(4);
    }

    // ---- trouble after the update: rollback ---------------------------------------------------

    @Test
    void upgrade_whenStuckUpdatingPastTheTimeout_rollsBack() {
        LocalUpgrade.Result result = run("stuck-updating", consoleInput());

        assertRolledBack(result);
        assertThat(reasons(result)).first().asString().contains("still UPDATING after 900 s (timeouts.runningSeconds = 900)");
        assertThat(statesEntered(result)).doesNotContain("CheckHealth");
    }

    @Test
    void upgrade_whenTheJobRestartLoopsWhileRunning_rollsBack() {
        LocalUpgrade.Result result = run("incompatible-state", consoleInput());

        assertRolledBack(result);
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("FAIL: fullRestarts rose by 1"));
        assertThat(statesEntered(result)).containsSubsequence("CheckHealth", "Rollback", "CheckRollbackHealth", "RolledBack");
    }

    @Test
    void upgrade_whenCheckpointsFail_rollsBack() {
        LocalUpgrade.Result result = run("failing-checkpoints", consoleInput());

        assertRolledBack(result);
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("FAIL: numberOfFailedCheckpoints rose by 1"));
    }

    @Test
    void upgrade_whenLagGrowsPastTheConfiguredThreshold_rollsBack() {
        LocalUpgrade.Result result = run("growing-lag", consoleInput(i -> i.with("health").putObject("lag")
                .put("metricName", "millisBehindLatest").put("maxIncreasePercent", 50)));

        assertRolledBack(result);
        assertThat(reasons(result)).anyMatch(r -> r.contains("millisBehindLatest"));
    }

    @Test
    void upgrade_whenAnAlarmFiresDuringTheBake_rollsBack() {
        LocalUpgrade.Result result = run("alarm-fires", consoleInput(i -> i.with("health").putArray("alarmNames").add("orders-enricher-errors")));

        assertRolledBack(result);
        assertThat(reasons(result)).anyMatch(r -> r.contains("orders-enricher-errors"));
    }

    @Test
    void upgrade_whenMsfFailsTheUpdateAndRollsBackItself_endsRolledBackWithoutASecondRollback() {
        LocalUpgrade.Result result = run("update-fails", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("ALREADY_ROLLED_BACK");
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.status()).isEqualTo("RUNNING");
        });
        assertThat(reasons(result)).first().asString().contains("ended FAILED");
    }

    // ---- no snapshot, no update ---------------------------------------------------------------

    @Test
    void upgrade_whenTheSnapshotFails_endsFailedBeforeAnyUpdate() {
        LocalUpgrade.Result result = run("snapshot-failed", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.SnapshotFailedException");
        assertThat(reasons(result)).singleElement().asString().contains("ended FAILED").contains("the application was not changed");
        assertThat(result.outcome().path("manualStep").asText()).contains("'orders-enricher' was not changed: it is still RUNNING on FLINK-1_15");
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot");
        assertUntouched(result);
        assertThat(app(result).snapshots()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(SNAPSHOT);
            assertThat(s.status()).isEqualTo("FAILED");
        });
        // FAILED is the outcome that fails the execution: a person must act.
        assertThat(result.execution().error()).isEqualTo("FlinkUpgrade.Failed");
    }

    @Test
    void upgrade_whenTheSnapshotOutlivesItsWaitTimeout_endsFailedBeforeAnyUpdate() {
        LocalUpgrade.Result result = run("snapshot-slow", consoleInput(i -> i.with("snapshot").put("waitTimeoutSeconds", 300)));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(reasons(result)).singleElement().asString()
                .contains("is still CREATING after").contains("snapshot.waitTimeoutSeconds = 300");
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot");
        assertUntouched(result);
        // It gave up at the timeout, not at the end of the two-hour snapshot.
        assertThat(result.execution().stopTime()).isBefore(result.execution().startTime().plusSeconds(400));
    }

    // ---- the rollback itself in trouble -------------------------------------------------------

    @Test
    void rollback_whenRefusedWithoutASnapshot_endsFailedNamingTheManualStep() {
        LocalUpgrade.Result result = run("rollback-no-snapshot", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.RollbackFailedException");
        assertThat(reasons(result)).last().asString().contains("no pinned pre-upgrade snapshot");
        // Read from the application as it is: no snapshot exists, so neither RollbackApplication (refused already) nor a snapshot is advised.
        assertThat(result.outcome().path("manualStep").asText()).contains("UpdateApplication back to FLINK-1_15")
                .contains("no snapshot holds FLINK-1_15 state").contains("SKIP_RESTORE_FROM_SNAPSHOT").doesNotContain("rollback-application");
        assertThat(result.calls()).filteredOn(c -> c.operation().equals("RollbackApplication"))
                .singleElement().satisfies(c -> assertThat(c.errorCode()).isEqualTo("InvalidRequestException"));
        // Still on the unhealthy upgrade: nothing was taken away that a person could have used.
        assertThat(app(result).runtime()).isEqualTo("FLINK-1_20");
        assertThat(result.notifications()).anySatisfy(n ->
                assertThat(n.payload().path("manualStep").asText()).contains("UpdateApplication back to FLINK-1_15"));
    }

    @Test
    void rollback_whenRollbackApplicationIsRefused_restoresThePinnedSnapshotInstead() {
        LocalUpgrade.Result result = run("rollback-fails", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("RESTORE_SNAPSHOT");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("MSF refused RollbackApplication (InvalidRequestException)"))
                .anyMatch(r -> r.equals("UpdateApplication back to FLINK-1_15 restoring snapshot " + SNAPSHOT));
        assertThat(result.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::errorCode).containsExactly(
                tuple("CreateApplicationSnapshot", null), tuple("UpdateApplication", null),
                tuple("RollbackApplication", "InvalidRequestException"), tuple("UpdateApplication", null));
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
        });
        // The restore pointed MSF at the pinned snapshot, not at the latest (FLINK-1_20) state.
        assertThat(result.mutatingCalls().get(3).request().path("RunConfigurationUpdate").path("ApplicationRestoreConfiguration")
                .path("SnapshotName").asText()).isEqualTo(SNAPSHOT);
    }

    /**
     * No pinned snapshot, but the application has snapshots enabled: MSF snapshots the FLINK-1_15 job
     * when the update starts (https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html),
     * so RollbackApplication has a snapshot to load and is accepted.
     */
    @Test
    void rollback_withTheSnapshotTurnedOffOnAnApplicationWithSnapshots_restoresMsfsAutomaticSnapshot() {
        LocalUpgrade.Result result = run("incompatible-state", consoleInput(i -> i.with("snapshot").put("enabled", false)));

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("ROLLBACK_APPLICATION");
        assertThat(operations(result)).containsExactly("UpdateApplication", "RollbackApplication");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.name()).startsWith("automatic-");
                assertThat(s.versionId()).isEqualTo(7);
            });
        });
    }

    @Test
    void rollback_whenTheRollbackOperationItselfFails_endsFailedAdvisingAStartFromMsfsNewestSnapshot() {
        LocalUpgrade.Result result = run("rollback-operation-fails", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::errorCode).containsExactly(
                tuple("CreateApplicationSnapshot", null), tuple("UpdateApplication", null), tuple("RollbackApplication", null));
        // MSF accepted the rollback; its operation failed and left version 9 (the original runtime and code) stopped.
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("READY");
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versionId()).isEqualTo(9);
        });
        // So the step says it is configured as before but not running, and is a start from the newest FLINK-1_15 state,
        // no update: MSF's own snapshot of version 7, taken when the upgrade's update began, newer than the pinned one.
        String automatic = app(result).snapshots().stream().filter(s -> s.name().startsWith("automatic-") && s.versionId() == 7)
                .map(s -> s.name()).findFirst().orElseThrow();
        assertThat(result.outcome().path("manualStep").asText())
                .contains("'orders-enricher' is READY on FLINK-1_15 with " + ORIGINAL_JAR + " (version 9): the runtime and code it had "
                                + "before the upgrade are back, but the job is not running.",
                        "aws kinesisanalyticsv2 start-application --application-name orders-enricher --run-configuration "
                                + "'{\"ApplicationRestoreConfiguration\": {\"ApplicationRestoreType\": \"RESTORE_FROM_CUSTOM_SNAPSHOT\", "
                                + "\"SnapshotName\": \"" + automatic + "\"}}'",
                        "restoring snapshot " + automatic + ", the newest READY snapshot of FLINK-1_15 state")
                .doesNotContain("the rollback landed").doesNotContain("UpdateApplication back");
        assertThat(result.notifications()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Flink upgrade FAILED: orders-enricher"));
    }

    /**
     * With no pinned snapshot the fallback has none to restore, so the run stops on the target; the
     * manual step, read from the application, names the snapshot MSF took itself when the update began.
     */
    @Test
    void rollback_whenRefusedWithTheSnapshotTurnedOff_endsFailedNamingMsfsAutomaticSnapshot() {
        LocalUpgrade.Result result = run("rollback-fails", consoleInput(i -> i.with("snapshot").put("enabled", false)));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.RollbackFailedException");
        assertThat(result.mutatingCalls()).extracting(RecordedCall::operation, RecordedCall::errorCode).containsExactly(
                tuple("UpdateApplication", null), tuple("RollbackApplication", "InvalidRequestException"));
        assertThat(reasons(result)).last().asString().contains("no pinned pre-upgrade snapshot to restore");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.status()).isEqualTo("RUNNING");
            assertThat(app.runtime()).isEqualTo("FLINK-1_20");
            assertThat(app.versionId()).isEqualTo(8);
            assertThat(app.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.name()).startsWith("automatic-");
                assertThat(s.versionId()).isEqualTo(7);
            });
        });
        assertThat(result.outcome().path("manualStep").asText()).contains("UpdateApplication back to FLINK-1_15")
                .contains("restoring snapshot automatic-").contains("the newest READY snapshot of FLINK-1_15 state (version 7");
    }

    @Test
    void rollback_whenTheRolledBackApplicationIsUnhealthy_endsFailedAndNotifies() {
        LocalUpgrade.Result result = run("rollback-unhealthy", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).containsSubsequence("Rollback", "CheckRollbackHealth", "RollbackUnhealthy", "Notify");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("after rollback: "));
        assertThat(result.outcome().path("manualStep").asText()).contains("unhealthy as well");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
        });
    }

    @Test
    void upgrade_whenUnhealthyWithAutomaticRollbackOff_endsFailedNamingTheManualStep() {
        LocalUpgrade.Result result = run("incompatible-state", consoleInput(i -> i.with("rollback").put("automatic", false)));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.outcome().path("manualStep").asText()).contains("aws kinesisanalyticsv2 rollback-application");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("FAIL: fullRestarts rose by 1"));
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        assertThat(app(result).runtime()).isEqualTo("FLINK-1_20");
    }

    // ---- manual steps from the application as it is --------------------------------------------

    @Test
    void failed_whenTheOperationCannotBeReadButTheRollbackLanded_adviseNoSnapshotRestore() {
        LocalUpgrade.Result result = run("operation-reads-throttled", consoleInput(i -> i.with("health").put("onBlind", "ROLLBACK")));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).containsSubsequence("CheckStatus", "Rollback", "CheckRollbackStatus", "CouldNotObserve",
                "AdviseManualStep", "Notify");
        assertThat(operations(result)).containsExactly("CreateApplicationSnapshot", "UpdateApplication", "RollbackApplication");
        assertThat(app(result)).satisfies(app -> {
            assertThat(app.runtime()).isEqualTo("FLINK-1_15");
            assertThat(app.codeFileKey()).isEqualTo(ORIGINAL_JAR);
            assertThat(app.versionId()).isEqualTo(9);
        });
        // The workflow never saw the rollback finish; the fresh read did, and the outcome says what it read.
        assertThat(result.outcome().path("manualStep").asText())
                .contains("'orders-enricher' is RUNNING on FLINK-1_15 with " + ORIGINAL_JAR + " (version 9)")
                .contains("the rollback landed").contains("Do not restore snapshot " + SNAPSHOT)
                .doesNotContain("restoring snapshot").doesNotContain("rollback-application");
        assertThat(result.outcome().path("applicationNow").path("runtime").asText()).isEqualTo("FLINK-1_15");
        assertThat(result.outcome().path("versionAfter").asLong()).isEqualTo(9);
        assertThat(result.notifications()).anySatisfy(n ->
                assertThat(n.payload().path("manualStep").asText()).contains("Do not restore snapshot " + SNAPSHOT));
    }

    @Test
    void failed_whenThePinnedSnapshotWasDeleted_neverNamesIt() {
        LocalUpgrade.Result result = run("snapshot-deleted", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(result.mutatingCalls()).filteredOn(c -> c.actor().equals("client"))
                .extracting(RecordedCall::operation, RecordedCall::errorCode).containsExactly(
                        tuple("CreateApplicationSnapshot", null), tuple("UpdateApplication", null),
                        tuple("RollbackApplication", "InvalidRequestException"), tuple("UpdateApplication", "InvalidArgumentException"));
        // The retention job took the pinned snapshot and MSF's automatic one of the update.
        assertThat(result.mutatingCalls()).filteredOn(c -> c.actor().equals("someone-else"))
                .extracting(c -> c.request().path("SnapshotName").asText()).contains(SNAPSHOT).anyMatch(n -> n.startsWith("automatic-"));
        assertThat(app(result).runtime()).isEqualTo("FLINK-1_20");
        assertThat(app(result).snapshots()).isEmpty();
        assertThat(result.outcome().path("manualStep").asText())
                .contains("snapshot " + SNAPSHOT + " no longer exists").contains("no snapshot holds FLINK-1_15 state")
                .contains("SKIP_RESTORE_FROM_SNAPSHOT").doesNotContain("restoring snapshot").doesNotContain("rollback-application");
    }

    @Test
    void failed_whileTheApplicationIsStillUpdating_saysWhatToWaitForAndAdvisesNoUpdate() {
        LocalUpgrade.Result result = run("stuck-updating", consoleInput(i -> i.with("rollback").put("automatic", false)));

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).containsSubsequence("RollbackDisabled", "AdviseManualStep", "Notify");
        assertThat(app(result).status()).isEqualTo("UPDATING");
        String step = result.outcome().path("manualStep").asText();
        assertThat(step).contains("'orders-enricher' is UPDATING on FLINK-1_20").contains("MSF refuses UpdateApplication until that operation ends")
                .contains("Wait until its Status is RUNNING or READY")
                .contains("rollback-application --application-name orders-enricher --current-application-version-id 8 cancels the update");
        // Before it says what to wait for, it advises no change at all.
        assertThat(step.substring(0, step.indexOf("Wait until"))).doesNotContain("UpdateApplication back").doesNotContain("rollback-application");
    }

    @Test
    void upgrade_whenEveryPropertyIsRemovedExplicitly_sendsNoPropertyGroupsAndUpgrades() {
        LocalUpgrade.Result result = run("healthy-upgrade", consoleInput(i -> {
            i.putArray("propertyGroups");
            i.put("removeAllPropertyGroups", true);
        }));

        assertUpgraded(result);
        JsonNode update = result.mutatingCalls().get(1).request();
        assertThat(update.path("ApplicationConfigurationUpdate").path("EnvironmentPropertyUpdates").path("PropertyGroups").isArray()).isTrue();
        assertThat(update.path("ApplicationConfigurationUpdate").path("EnvironmentPropertyUpdates").path("PropertyGroups")).isEmpty();
    }

    // ---- refused before anything changes ------------------------------------------------------

    @Test
    void upgrade_whenAWatchedAlarmIsAlreadyFiringWithPolicyBlock_endsRejectedWithNothingChanged() {
        LocalUpgrade.Result result = run("alarm-already-firing",
                consoleInput(i -> i.with("health").putArray("alarmNames").add("orders-enricher-errors")));

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith("health.alarmNames: ").contains("BLOCK");
        assertThat(result.mutatingCalls()).isEmpty();
    }

    @Test
    void upgrade_whenTheRequestIsADowngrade_endsRejectedWithNoMutatingCall() {
        LocalUpgrade.Result result = run("downgrade", consoleInput(i -> i.put("targetRuntime", "FLINK-1_15")));

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith("targetRuntime: ").contains("older than the current FLINK-1_20");
        assertThat(result.mutatingCalls()).isEmpty();
    }

    @Test
    void upgrade_whenTheApplicationDoesNotExist_endsRejectedWithNoMutatingCall() {
        LocalUpgrade.Result result = run("app-not-found", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith("applicationName: ");
        assertThat(result.mutatingCalls()).isEmpty();
        assertThat(result.application()).isEmpty();
    }

    @Test
    void upgrade_whenDryRun_endsWithThePlanAndNoMutatingCall() {
        LocalUpgrade.Result result = run("healthy-upgrade", consoleInput(i -> i.put("dryRun", true)));

        assertThat(result.outcomeName()).isEqualTo("DRY_RUN");
        assertThat(result.outcome().path("plan").path("currentRuntime").asText()).isEqualTo("FLINK-1_15");
        assertThat(result.mutatingCalls()).isEmpty();
        assertThat(result.notifications()).isEmpty();
        assertUntouched(result);
    }

    // ---- Flink 2 ------------------------------------------------------------------------------

    @Test
    void upgrade_toFlink2_judgesRestartsByNumRestartsAndUpgrades() {
        LocalUpgrade.Result result = run("flink2-upgrade", consoleInput(i -> {
            i.put("targetRuntime", "FLINK-2_2");
            i.with("code").put("fileKey", "orders-enricher/orders-enricher-2.0.0-flink-2.2.jar");
        }));

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(app(result).runtime()).isEqualTo("FLINK-2_2");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("ok: numRestarts rose by 0")).noneMatch(r -> r.contains("fullRestarts"));
        assertThat(result.outcome().path("advisories").toString()).contains("One-way upgrade");
    }
}
