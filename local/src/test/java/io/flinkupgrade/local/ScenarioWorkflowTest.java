package io.flinkupgrade.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.emulator.SnapshotView;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One whole upgrade per emulator scenario: the real ASL file on the local engine, the real
 * handlers, their real SDK clients over HTTP to the emulator. Each test names the outcome and
 * checks where the application ends up, the snapshot, and the reasons reported.
 */
class ScenarioWorkflowTest {
    private static final String OLD_KEY = "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar";
    private static final String NEW_KEY = "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar";
    private static final String SNAPSHOT = "upgrade-orders-enricher-FLINK-1_20";
    private static final StateMachineDefinition WORKFLOW = LocalUpgrade.definition(Optional.empty());

    private static ObjectNode consoleInput() {
        try {
            Path sample = Path.of(System.getProperty("flinkupgrade.root"), "events", "console-input.json");
            return (ObjectNode) TaskJson.mapper().readTree(Files.readString(sample));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalUpgrade.Result run(String scenario, JsonNode input) {
        return LocalUpgrade.run(WORKFLOW, input, Scenario.load(scenario), event -> { }, notification -> { });
    }

    private static ApplicationView app(LocalUpgrade.Result result) {
        return result.application().orElseThrow();
    }

    private static List<String> reasons(LocalUpgrade.Result result) {
        return TaskJson.mapper().convertValue(result.outcome().path("reasons"),
                TaskJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static List<String> operations(List<RecordedCall> calls) {
        return calls.stream().map(RecordedCall::operation).toList();
    }

    private static void assertPinnedSnapshotReady(LocalUpgrade.Result result) {
        assertThat(app(result).snapshots()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(SNAPSHOT);
            assertThat(s.status()).isEqualTo("READY");
            assertThat(s.runtime()).isEqualTo("FLINK-1_15");
        });
        assertThat(result.outcome().path("snapshotName").asText()).isEqualTo(SNAPSHOT);
    }

    private static void assertBackOnTheOriginal(LocalUpgrade.Result result) {
        assertThat(app(result).status()).isEqualTo("RUNNING");
        assertThat(app(result).runtime()).isEqualTo("FLINK-1_15");
        assertThat(app(result).codeFileKey()).isEqualTo(OLD_KEY);
    }

    @Test
    void healthyUpgrade_isUpgradedAfterTheBake() {
        LocalUpgrade.Result result = run("healthy-upgrade", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(app(result)).extracting(ApplicationView::status, ApplicationView::runtime, ApplicationView::versionId,
                ApplicationView::codeFileKey).containsExactly("RUNNING", "FLINK-1_20", 8L, NEW_KEY);
        assertPinnedSnapshotReady(result);
        assertThat(result.outcome().path("health").path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(reasons(result).get(0)).startsWith("healthy on 10 checks with data over 600 s");
        assertThat(operations(result.mutatingCalls())).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        assertThat(result.notifications()).extracting(n -> n.title())
                .contains("Flink Upgrade Started", "Flink upgrade UPGRADED: orders-enricher");
    }

    @Test
    void incompatibleState_runningButRestartLooping_isRolledBackToTheOriginalVersion() {
        LocalUpgrade.Result result = run("incompatible-state", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertBackOnTheOriginal(result);
        assertThat(app(result).versionId()).isEqualTo(9L);
        assertPinnedSnapshotReady(result);
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).startsWith("FAIL: fullRestarts rose by"));
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("ROLLBACK_APPLICATION");
        assertThat(operations(result.mutatingCalls()))
                .containsExactly("CreateApplicationSnapshot", "UpdateApplication", "RollbackApplication");
    }

    @Test
    void stuckUpdating_pastTheRunningTimeout_isRolledBack() {
        LocalUpgrade.Result result = run("stuck-updating", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertBackOnTheOriginal(result);
        assertPinnedSnapshotReady(result);
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).contains("still UPDATING after 900 s", "runningSeconds = 900"));
    }

    @Test
    void failingCheckpoints_areRolledBack() {
        LocalUpgrade.Result result = run("failing-checkpoints", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertBackOnTheOriginal(result);
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).startsWith("FAIL: numberOfFailedCheckpoints rose by"));
    }

    @Test
    void snapshotFailed_endsFailedBeforeTheApplicationIsTouched() {
        LocalUpgrade.Result result = run("snapshot-failed", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(app(result)).extracting(ApplicationView::status, ApplicationView::runtime, ApplicationView::versionId)
                .containsExactly("RUNNING", "FLINK-1_15", 7L);
        assertThat(operations(result.mutatingCalls())).containsExactly("CreateApplicationSnapshot");
        assertThat(app(result).snapshots()).extracting(SnapshotView::name, SnapshotView::status).contains(
                org.assertj.core.groups.Tuple.tuple(SNAPSHOT, "FAILED"));
        assertThat(reasons(result)).singleElement().asString().contains("ended FAILED", "not changed");
        assertThat(result.outcome().path("manualStep").asText()).contains("not changed");
        assertThat(result.execution().error()).isEqualTo("FlinkUpgrade.Failed");
    }

    @Test
    void downgradeRequest_isRejectedWithoutAnyMutatingCall() {
        ObjectNode input = consoleInput();
        input.put("targetRuntime", "FLINK-1_15");

        LocalUpgrade.Result result = run("downgrade", input);

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString()
                .startsWith("targetRuntime: FLINK-1_15 is older than the current FLINK-1_20");
        assertThat(result.mutatingCalls()).isEmpty();
        assertThat(app(result)).extracting(ApplicationView::runtime, ApplicationView::versionId).containsExactly("FLINK-1_20", 7L);
    }

    @Test
    void applicationNotFound_isRejectedNamingTheApplication() {
        LocalUpgrade.Result result = run("app-not-found", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith("applicationName: no Managed Service for Apache Flink application");
        assertThat(result.mutatingCalls()).isEmpty();
        assertThat(result.application()).isEmpty();
    }

    @Test
    void throttling_isRetriedWithBackoffInVirtualTimeAndTheUpgradeSucceeds() {
        LocalUpgrade.Result result = run("throttling", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(app(result).runtime()).isEqualTo("FLINK-1_20");
        assertThat(result.calls()).filteredOn(c -> "ThrottlingException".equals(c.errorCode())).isNotEmpty();
        assertThat(result.execution().history()).filteredOn(e -> e.type() == HistoryEventType.RETRY_SCHEDULED).isNotEmpty();
        assertThat(result.mutatingCalls()).filteredOn(c -> "UpdateApplication".equals(c.operation()) && !c.failed())
                .as("throttled attempts are retried, but the update lands once").hasSize(1);
    }

    @Test
    void concurrentUpdateBySomeoneElse_isRejectedAndTheirChangeIsKept() {
        LocalUpgrade.Result result = run("concurrent-update", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("error").asText()).isEqualTo("io.flinkupgrade.errors.ConcurrentUpdateException");
        assertThat(reasons(result)).singleElement().asString().contains("changed after Preflight read it at version 7");
        assertThat(app(result)).extracting(ApplicationView::runtime, ApplicationView::versionId).containsExactly("FLINK-1_15", 8L);
        assertThat(result.mutatingCalls()).filteredOn(c -> "UpdateApplication".equals(c.operation()) && !c.failed())
                .singleElement().extracting(RecordedCall::actor).isEqualTo("someone-else");
    }

    @Test
    void rollbackRefused_fallsBackToRestoringThePinnedSnapshot() {
        LocalUpgrade.Result result = run("rollback-fails", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertBackOnTheOriginal(result);
        assertThat(result.outcome().path("rollbackMethod").asText()).isEqualTo("RESTORE_SNAPSHOT");
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).startsWith("MSF refused RollbackApplication"))
                .anySatisfy(r -> assertThat(r).contains("restoring snapshot " + SNAPSHOT));
    }

    @Test
    void rollbackItselfFailing_endsFailedNamingTheManualStep() throws IOException {
        ObjectNode scenario = (ObjectNode) TaskJson.mapper().readTree(
                LocalUpgrade.class.getResourceAsStream("/scenarios/rollback-fails.json"));
        scenario.put("description", "the rollback operation itself fails and leaves the application READY");
        scenario.withArray("faults").removeAll().addObject().put("type", "ROLLBACK_FAILS").put("operation", "RollbackApplication");

        LocalUpgrade.Result result = LocalUpgrade.run(WORKFLOW, consoleInput(), Scenario.parse("rollback-operation-fails",
                scenario.toString()), event -> { }, notification -> { });

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertThat(app(result).status()).isEqualTo("READY");
        // The failed rollback left version 9 (FLINK-1_15) stopped: start it from the newest FLINK-1_15 state, no update needed.
        // That is MSF's own snapshot of version 7 when the upgrade's update began, newer than the pinned one.
        assertThat(result.outcome().path("manualStep").asText())
                .contains("'orders-enricher' is READY on FLINK-1_15 with " + OLD_KEY, "start-application", "restoring snapshot automatic-",
                        "the newest READY snapshot of FLINK-1_15 state")
                .doesNotContain("UpdateApplication back");
        assertThat(result.notifications()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Flink upgrade FAILED: orders-enricher"));
    }

    @Test
    void rollbackUnhealthyToo_endsFailedAfterVerifyingTheRollback() {
        LocalUpgrade.Result result = run("rollback-unhealthy", consoleInput());

        assertThat(result.outcomeName()).isEqualTo("FAILED");
        assertBackOnTheOriginal(result);
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).startsWith("after rollback: "));
        assertThat(result.outcome().path("manualStep").asText()).contains("unhealthy as well");
    }

    @Test
    void flink2Upgrade_isJudgedOnNumRestarts() {
        ObjectNode input = consoleInput();
        input.put("targetRuntime", "FLINK-2_2");

        LocalUpgrade.Result result = run("flink2-upgrade", input);

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(app(result).runtime()).isEqualTo("FLINK-2_2");
        assertThat(reasons(result)).anySatisfy(r -> assertThat(r).startsWith("ok: numRestarts rose by 0"));
        assertThat(result.outcome().path("advisories").toString()).contains("One-way upgrade");
    }

    @Test
    void dryRun_plansWithoutChangingAnything() {
        ObjectNode input = consoleInput();
        input.put("dryRun", true);

        LocalUpgrade.Result result = run("healthy-upgrade", input);

        assertThat(result.outcomeName()).isEqualTo("DRY_RUN");
        assertThat(result.outcome().path("plan").path("currentRuntime").asText()).isEqualTo("FLINK-1_15");
        assertThat(result.mutatingCalls()).isEmpty();
        assertThat(result.notifications()).isEmpty();
    }
}
