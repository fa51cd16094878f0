package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.events;
import static io.flinkupgrade.local.faults.WorkflowRuns.reasons;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.statesEntered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, items 1-4, through the real ASL, handlers and emulator: evidence before HEALTHY,
 * detection on the first sample, fewer status polls, and blind spots that end in a decision for a
 * person rather than a rollback. Every run passes {@link UpgradeInvariants}.
 */
class HealthObservationWorkflowTest {
    private static final String NEW_JAR = "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar";

    private static LocalUpgrade.Result run(String scenario, JsonNode input) {
        LocalUpgrade.Result result = WorkflowRuns.run(scenario, input);
        UpgradeInvariants.check(result, input);
        return result;
    }

    private static List<String> calls(LocalUpgrade.Result result, String operation) {
        return result.calls().stream().filter(c -> c.operation().equals(operation)).map(RecordedCall::operation).toList();
    }

    private static Instant entered(LocalUpgrade.Result result, String state, int index) {
        return events(result, HistoryEventType.STATE_ENTERED, state).get(index).timestamp();
    }

    // ---- 3. poll less while MSF is busy ---------------------------------------------------------

    @Test
    void healthyUpgrade_withTheDefaultBake_entersAtMost70StatesAndReadsTheStatusOnce() {
        LocalUpgrade.Result result = run("healthy-upgrade", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        // 58 without progress; recording it costs one state per health check plus the snapshot and update steps.
        assertThat(statesEntered(result)).hasSizeLessThanOrEqualTo(70);
        // The 90 s update is read once, after timeouts.firstPollSeconds, instead of every 15 s.
        assertThat(statesEntered(result)).filteredOn("CheckStatus"::equals).hasSize(1);
        assertThat(Duration.between(entered(result, "WaitForRunning", 0), entered(result, "CheckStatus", 0)))
                .isEqualTo(Duration.ofSeconds(90));
        // Detection is not slowed: the bake still checks every period.
        assertThat(statesEntered(result)).filteredOn("CheckHealth"::equals).hasSize(10);
    }

    @Test
    void stuckUpdating_backsOffBetweenPollsAndStillTimesOutAtRunningSeconds() {
        LocalUpgrade.Result result = run("stuck-updating", consoleInput());

        List<HistoryEvent> polls = events(result, HistoryEventType.STATE_ENTERED, "CheckStatus");
        Instant updated = entered(result, "WaitForRunning", 0);
        List<Long> waited = polls.stream().map(p -> Duration.between(updated, p.timestamp()).toSeconds()).toList();
        assertThat(waited).first().isEqualTo(90L);
        assertThat(waited).last().isEqualTo(900L);
        assertThat(waited).isSorted();
        for (int i = 1; i < waited.size(); i++) {
            long gap = waited.get(i) - waited.get(i - 1);
            assertThat(gap).as("gap before poll %d", i).isBetween(1L, 60L);
        }
        // 17 reads over 15 minutes instead of 60 at a fixed 15 s.
        assertThat(polls).hasSizeLessThanOrEqualTo(20);
        assertThat(reasons(result)).first().asString().contains("still UPDATING after 900 s (timeouts.runningSeconds = 900)");
        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
    }

    // ---- 2. detect on the first sample ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"incompatible-state", "failing-checkpoints"})
    void unhealthyJob_isJudgedAtTheFirstCheckAfterRunning(String scenario) {
        LocalUpgrade.Result result = run(scenario, consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        List<String> states = statesEntered(result);
        assertThat(states.subList(0, states.indexOf("Rollback"))).filteredOn("CheckHealth"::equals).hasSize(1);
        Instant running = events(result, HistoryEventType.STATE_ENTERED, "BakeAndCheckHealth").get(0).timestamp();
        assertThat(entered(result, "CheckHealth", 0)).isEqualTo(running.plusSeconds(60));
        assertThat(result.outcome().path("health").path("verdict").asText()).isEqualTo("HEALTHY");
    }

    /** The first-sample rules add no false rollback: healthy jobs, flaky APIs, slow calls, no snapshot. */
    @ParameterizedTest
    @ValueSource(strings = {"healthy-upgrade", "throttling", "server-errors", "snapshots-disabled", "slow-call", "app-busy"})
    void healthyJob_isNeverRolledBack(String scenario) {
        LocalUpgrade.Result result = run(scenario, consoleInput());

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(calls(result, "RollbackApplication")).isEmpty();
        assertThat(result.outcome().path("health").path("verdict").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void flink2Upgrade_isNeverRolledBack() {
        JsonNode input = consoleInput(i -> {
            i.put("targetRuntime", "FLINK-2_2");
            i.with("code").put("fileKey", "orders-enricher/orders-enricher-2.0.0-flink-2.2.jar");
        });

        LocalUpgrade.Result result = run("flink2-upgrade", input);

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(calls(result, "RollbackApplication")).isEmpty();
    }

    @Test
    void incompatibleState_firstCheckReasons_countTheNewRunFromZeroAndNeverReadHealthy() {
        LocalUpgrade.Result result = run("incompatible-state", consoleInput());

        assertThat(reasons(result)).anyMatch(r -> r.startsWith("FAIL: fullRestarts rose by 1 since the job run began"))
                .noneMatch(r -> r.startsWith("ok: uptime"));
    }

    // ---- 1. evidence before HEALTHY -------------------------------------------------------------

    @Test
    void shortBake_onIncompatibleState_isRejectedNamingBakeSecondsAndItsMinimum() {
        JsonNode input = readJson(repoFile("events", "short-bake-input.json"));

        LocalUpgrade.Result result = run("incompatible-state", input);

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith("health.bakeSeconds: 30 is too short for 3 checks"
                + " with data every 60 s after a 60 s initial delay; at least 240");
        assertThat(result.mutatingCalls()).isEmpty();
    }

    @Test
    void extraMetricTheApplicationDoesNotPublish_isRejectedNamingTheEntry() {
        JsonNode input = readJson(repoFile("events", "unknown-metric-input.json"));

        LocalUpgrade.Result result = run("healthy-upgrade", input);

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString()
                .startsWith("health.extraMetrics[0]: no datapoints of AWS/KinesisAnalytics numRecordsOutPerSecnd");
        assertThat(result.mutatingCalls()).isEmpty();
    }

    // ---- 4. a blind spot is a decision for a person ---------------------------------------------

    @Test
    void cloudWatchDownDuringTheBake_endsFailedCouldNotObserveWithoutRollingBack() {
        LocalUpgrade.Result result = run("cloudwatch-down-during-bake", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).contains("CouldNotObserve").doesNotContain("Rollback");
        assertThat(calls(result, "RollbackApplication")).isEmpty();
        assertThat(reasons(result)).first().asString()
                .startsWith("could not observe: cannot read metrics: 5 read errors in a row (maxReadErrors 4)");
        assertThat(reasons(result)).last().asString().startsWith("last seen at 2025-06-02T09:02:00Z: RUNNING on FLINK-1_20, version 8");
        assertThat(result.outcome().path("lastSeen").path("runtime").asText()).isEqualTo("FLINK-1_20");
        // Read from the application (AdviseManualStep): the upgrade runs, so judge it from the metrics before rolling back.
        assertThat(result.outcome().path("manualStep").asText()).contains("'orders-enricher' is RUNNING on FLINK-1_20",
                "the upgrade landed, but its health could not be judged", "keep it if restarts and failed checkpoints stay flat",
                "rollback-application --application-name orders-enricher --current-application-version-id 8");
        // The application it could not see is the healthy upgrade, untouched since.
        assertThat(result.application().orElseThrow().runtime()).isEqualTo("FLINK-1_20");
        assertThat(result.application().orElseThrow().codeFileKey()).isEqualTo(NEW_JAR);
    }

    @Test
    void cloudWatchDownDuringTheBake_withOnBlindRollback_rollsBack() {
        JsonNode input = consoleInput(i -> i.with("health").put("onBlind", "ROLLBACK"));

        LocalUpgrade.Result result = WorkflowRuns.run("cloudwatch-down-during-bake", input);
        UpgradeInvariants.check(result, input);

        assertThat(statesEntered(result)).containsSubsequence("CheckHealth", "OnBlind", "ShouldRollBack", "Rollback");
        assertThat(calls(result, "RollbackApplication")).hasSize(1);
        assertThat(reasons(result)).first().asString().startsWith("could not observe: cannot read metrics");
        // CloudWatch is still down, so the rolled-back application cannot be seen either: a person decides.
        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).last().isEqualTo("UpgradeFailed");
        assertThat(reasons(result)).anyMatch(r -> r.startsWith("after rollback: could not observe"));
        assertThat(result.outcome().path("manualStep").asText()).contains("'orders-enricher' is RUNNING on FLINK-1_15",
                "the rollback landed", "Do not restore snapshot");
    }

    @Test
    void statusReadOutageAfterTheUpdate_endsFailedWithAManualStepThatHoldsWhateverTheApplicationIs() {
        LocalUpgrade.Result result = run("status-read-outage", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(statesEntered(result)).containsSubsequence("CheckStatus", "OnBlind", "CouldNotObserve")
                .doesNotContain("Rollback", "CheckHealth");
        assertThat(calls(result, "RollbackApplication")).isEmpty();
        assertThat(reasons(result)).first().asString()
                .startsWith("could not observe: cannot read the application status after the update");
        assertThat(reasons(result)).last().asString()
                .isEqualTo("last seen at 2025-06-02T09:00:30Z: UPDATING to FLINK-1_20, version 8 (the UpdateApplication answer)");
        // In truth the update landed and runs: the step says how to find that out and what each answer means.
        assertThat(result.application().orElseThrow().runtime()).isEqualTo("FLINK-1_20");
        assertThat(result.outcome().path("versionAfter").asLong()).isEqualTo(8);
        String step = result.outcome().path("manualStep").asText();
        assertThat(step).contains("aws kinesisanalyticsv2 describe-application --application-name orders-enricher",
                "if ApplicationStatus is UPDATING", "RUNNING on FLINK-1_20 at an ApplicationVersionId above 7: the upgrade landed",
                "RUNNING on FLINK-1_15: it is on its original runtime", "list-application-operations");
        assertThat(step).doesNotContain("Restore orders-enricher by hand").doesNotContain("UpdateApplication back to");
    }

    @Test
    void noMetrics_endsFailedCouldNotObserveAfterThreeChecksWithoutRollingBack() {
        LocalUpgrade.Result result = run("no-metrics", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(calls(result, "RollbackApplication")).isEmpty();
        assertThat(statesEntered(result)).filteredOn("CheckHealth"::equals).hasSize(3);
        assertThat(reasons(result)).first().asString()
                .startsWith("could not observe: no check had the data it needed in 3 inconclusive checks (maxInconclusive 3)");
        // Snapshot 30 s, update 90 s, three health periods: five minutes, not the 26 a rollback took.
        assertThat(Duration.between(result.execution().startTime(), result.execution().stopTime()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void healthCheckTaskFailingForGood_isABlindSpotNotARollback() {
        Scenario scenario = Scenario.parse("health-task-times-out", """
                {"description": "GetMetricData answers two minutes late from the bake on: every CheckHealth times out",
                 "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15", "versionId": 7,
                   "code": {"bucketArn": "arn:aws:s3:::flink-artifacts-123456789012",
                            "fileKey": "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar"}}],
                 "faults": [{"type": "LATENCY", "operation": "GetMetricData", "seconds": 120, "times": 1000000,
                             "anchor": "FIRST_UPDATE", "atSeconds": 60}]}""");
        JsonNode input = consoleInput();

        LocalUpgrade.Result result = LocalUpgrade.run(WorkflowRuns.DEFINITION, input, scenario, event -> { }, n -> { });
        UpgradeInvariants.check(result, input);

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(events(result, HistoryEventType.TASK_TIMED_OUT, "CheckHealth")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(statesEntered(result)).containsSubsequence("CheckHealth", "OnBlind", "CouldNotObserve")
                .doesNotContain("Rollback");
        assertThat(reasons(result)).first().asString().isEqualTo("could not observe: the health check itself failed (States.Timeout)");
    }
}
