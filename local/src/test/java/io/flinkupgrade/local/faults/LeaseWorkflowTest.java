package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.events;
import static io.flinkupgrade.local.faults.WorkflowRuns.reasons;
import static io.flinkupgrade.local.faults.WorkflowRuns.statesEntered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One upgrade per application (issue 9): the lease through the real ASL, the local DynamoDB
 * integration and the emulator's DynamoDB, with the cleanup rule emulated when an execution ends.
 */
class LeaseWorkflowTest {
    private static final String APPLICATION = "orders-enricher";
    private static final String FIRST = "orders-enricher-FLINK-1_20";
    /** 2025-06-02T09:00:00Z, the scenarios' start, in epoch seconds. */
    private static final long SCENARIO_START = Instant.parse("2025-06-02T09:00:00Z").getEpochSecond();

    private static LocalUpgrade.Session session(Scenario scenario) {
        return LocalUpgrade.session(WorkflowRuns.DEFINITION, scenario, event -> { }, notification -> { });
    }

    private static long count(List<RecordedCall> calls, String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation) && !c.failed() && c.actor().equals("client")).count();
    }

    /** Another party's lease, written with the SDK as another execution's AcquireLease would. */
    private static void leaseHeldBy(LocalUpgrade.Session session, String executionArn, long expiresAt) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(session.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.putItem(b -> b.tableName(LocalUpgrade.LEASE_TABLE).item(Map.of(
                    "applicationName", AttributeValue.fromS(APPLICATION),
                    "record", AttributeValue.fromS("LEASE"),
                    "holder", AttributeValue.fromS(executionArn),
                    "executionName", AttributeValue.fromS(executionArn.substring(executionArn.lastIndexOf(':') + 1)),
                    "targetRuntime", AttributeValue.fromS("FLINK-1_19"),
                    "acquiredAt", AttributeValue.fromS("2025-06-02T08:00:00.000Z"),
                    "expiresAt", AttributeValue.fromN(Long.toString(expiresAt)))));
        }
    }

    private static String holder(LocalUpgrade.Session session) {
        return session.lease(APPLICATION).map(item -> item.get("holder").path("S").asText()).orElse("(none)");
    }

    @Test
    void secondUpgrade_duringTheBake_isRejectedNamingTheFirst_whichUpgradesWithOneUpdate() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("second-upgrade"))) {
            LocalUpgrade.Result first = session.run(input);

            assertThat(first.outcomeName()).isEqualTo("UPGRADED");
            assertThat(first.startedDuring()).singleElement().satisfies(second -> {
                    assertThat(second.outcome().path("error").asText()).isEqualTo(UpgradeInvariants.LEASE_HELD);
                assertThat(reasons(second).get(0)).contains(LocalEngine.executionArn(FIRST))
                        .contains("since 2025-06-02T09:00:00.000Z").contains("target runtime FLINK-1_20");
                assertThat(second.execution().startTime()).as("during the bake")
                        .isAfter(Instant.parse("2025-06-02T09:02:00Z")).isBefore(Instant.parse("2025-06-02T09:12:00Z"));
                assertThat(statesEntered(second)).doesNotContain("Preflight", "ReleaseLease");
                assertThat(second.calls()).isEmpty();
                UpgradeInvariants.check(second, input);
            });
            assertThat(count(session.mutatingCalls(), "UpdateApplication")).isEqualTo(1);
            assertThat(count(session.mutatingCalls(), "CreateApplicationSnapshot")).isEqualTo(1);
            assertThat(first.notifications()).noneMatch(n -> n.payload().path("outcome").asText().equals("REJECTED"));
            assertThat(session.lease(APPLICATION)).isEmpty();
            UpgradeInvariants.check(first, input);
        }
    }

    /** The aborted-holding-lease: StopExecution mid-upgrade; the cleanup rule frees the application. */
    @Test
    void abortedHoldingLease_theCleanupReleasesIt_andANewUpgradeOfTheApplicationProceeds() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            LocalUpgrade.Result aborted = session.run(input, FIRST,
                    e -> e.type() == HistoryEventType.TASK_SUCCEEDED && "UpdateApplication".equals(e.stateName()));
            assertThat(aborted.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(events(aborted, HistoryEventType.TASK_SUCCEEDED, "AcquireLease")).hasSize(1);
            assertThat(statesEntered(aborted)).doesNotContain("ReleaseLease");
            assertThat(aborted.leaseAfter()).as("released by the cleanup once the execution was ABORTED").isEmpty();

            LocalUpgrade.Result next = session.run(input, "orders-enricher-FLINK-1_20-next", e -> false);

            assertThat(next.outcomeName()).isEqualTo("UPGRADED");
            assertThat(statesEntered(next)).containsSubsequence("AcquireLease", "Preflight", "ResumeUpgrade", "Upgraded", "ReleaseLease")
                    .doesNotContain("ReadLeaseHolder");
            assertThat(count(session.mutatingCalls(), "UpdateApplication")).isEqualTo(1);
            UpgradeInvariants.check(next, input);
        }
    }

    @Test
    void anExpiredLease_isTakenOver() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            leaseHeldBy(session, LocalEngine.executionArn("died-long-ago"), SCENARIO_START - 1);

            LocalUpgrade.Result result = session.run(input);

            assertThat(result.outcomeName()).isEqualTo("UPGRADED");
            assertThat(statesEntered(result)).doesNotContain("ReadLeaseHolder");
            assertThat(session.lease(APPLICATION)).isEmpty();
            UpgradeInvariants.check(result, input);
        }
    }

    @Test
    void aLiveLeaseOfAnotherExecution_rejectsTheUpgradeAndStaysTheirs() {
        JsonNode input = consoleInput();
        String other = LocalEngine.executionArn("scheduled-upgrade");
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            leaseHeldBy(session, other, SCENARIO_START + 3600);

            LocalUpgrade.Result result = session.run(input);

            assertThat(result.outcomeName()).isEqualTo("REJECTED");
            assertThat(reasons(result).get(0)).contains(other).contains("since 2025-06-02T08:00:00.000Z")
                    .contains("target runtime FLINK-1_19").contains("expires at 2025-06-02T10:00:00.000Z");
            assertThat(result.mutatingCalls()).isEmpty();
            assertThat(holder(session)).as("their lease, after our execution and its cleanup ended").isEqualTo(other);
            UpgradeInvariants.check(result, input);
        }
    }

    /** The cleanup deletes a lease only for the execution holding it: another's ended execution leaves it alone. */
    @Test
    void theCleanupOfAnAbortedExecution_neverDeletesAnotherExecutionsLease() {
        JsonNode input = consoleInput();
        String other = LocalEngine.executionArn("scheduled-upgrade");
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            leaseHeldBy(session, other, SCENARIO_START + 3600);

            LocalUpgrade.Result aborted = session.run(input, FIRST,
                    e -> e.type() == HistoryEventType.TASK_FAILED && "AcquireLease".equals(e.stateName()));

            assertThat(aborted.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(holder(session)).isEqualTo(other);
        }
    }

    /** A redrive or re-run of the same execution (same ARN) is not blocked by its own lease. */
    @Test
    void theSameExecution_isNotBlockedByItsOwnLease() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            leaseHeldBy(session, LocalEngine.executionArn(FIRST), SCENARIO_START + 3600);

            LocalUpgrade.Result result = session.run(input, FIRST, e -> false);

            assertThat(result.outcomeName()).isEqualTo("UPGRADED");
            assertThat(session.lease(APPLICATION)).isEmpty();
            UpgradeInvariants.check(result, input);
        }
    }

    @Test
    void aDryRun_takesNoLease_evenWhileAnotherUpgradeHoldsIt() {
        JsonNode input = consoleInput(in -> in.put("dryRun", true));
        String other = LocalEngine.executionArn("scheduled-upgrade");
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            leaseHeldBy(session, other, SCENARIO_START + 3600);

            LocalUpgrade.Result result = session.run(input);

            assertThat(result.outcomeName()).isEqualTo("DRY_RUN");
            assertThat(statesEntered(result)).doesNotContain("AcquireLease", "ReleaseLease");
            assertThat(holder(session)).isEqualTo(other);
        }
    }

    @Test
    void throttledLeaseWrites_areRetried() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(WorkflowRuns.healthyUpgradeWith("""
                [{"type": "THROTTLE", "operation": "PutItem", "times": 2}]"""))) {
            LocalUpgrade.Result result = session.run(input);

            assertThat(events(result, HistoryEventType.RETRY_SCHEDULED, "AcquireLease")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.detail()).contains("DynamoDB.ProvisionedThroughputExceededException"));
            assertThat(result.outcomeName()).isEqualTo("UPGRADED");
            UpgradeInvariants.check(result, input);
        }
    }

    /** A release that keeps failing never changes the outcome: it is a warning, and the cleanup frees the application. */
    @Test
    void aFailedRelease_isAWarning_andTheCleanupReleasesTheLease() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(WorkflowRuns.healthyUpgradeWith("""
                [{"type": "SERVER_ERROR", "operation": "DeleteItem", "times": 7}]"""))) {
            LocalUpgrade.Result result = session.run(input);

            assertThat(result.outcomeName()).isEqualTo("UPGRADED");
            assertThat(result.outcome().path("warnings").toString())
                    .contains("could not be released (DynamoDB.InternalServerError)").contains("2025-06-05T10:00:00.000Z");
            assertThat(result.leaseAfter()).isEmpty();
            UpgradeInvariants.check(result, input);
        }
    }

    /**
     * A history record that cannot be written never changes the outcome: it is a warning, and the lease is
     * released all the same (the only PutItem after the update is RecordHistory's).
     */
    @Test
    void aFailedHistoryWrite_isAWarning_andTheLeaseIsReleasedAllTheSame() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("history-write-fails"))) {
            LocalUpgrade.Result result = session.run(input);

            assertThat(result.outcomeName()).isEqualTo("UPGRADED");
            assertThat(events(result, HistoryEventType.RETRY_SCHEDULED, "RecordHistory")).hasSize(6);
            assertThat(result.outcome().path("warnings").toString())
                    .contains("history record of this upgrade could not be written (DynamoDB.InternalServerError)");
            assertThat(result.historyRecords()).isEmpty();
            assertThat(statesEntered(result)).containsSubsequence("RecordHistory", "ReleaseLease", "Notify");
            assertThat(result.leaseAfter()).isEmpty();
            UpgradeInvariants.check(result, input);
        }
    }

    /** Each upgrade that took the lease leaves its own history record beside it, keyed so that they sort in the order they started. */
    @Test
    void twoUpgradesOfOneApplication_leaveOneHistoryRecordEach_inTheOrderTheyStarted() {
        JsonNode input = consoleInput();
        try (LocalUpgrade.Session session = session(Scenario.load("healthy-upgrade"))) {
            LocalUpgrade.Result first = session.run(input);
            LocalUpgrade.Result second = session.run(input, FIRST + "-again", event -> false);

            assertThat(first.outcomeName()).isEqualTo("UPGRADED");
            assertThat(first.historyRecords()).singleElement().satisfies(record -> {
                assertThat(record.get("fromRuntime").path("S").asText()).isEqualTo("FLINK-1_15");
                assertThat(record.get("toRuntime").path("S").asText()).isEqualTo("FLINK-1_20");
                assertThat(record.get("snapshotName").path("S").asText()).isEqualTo(first.outcome().path("snapshotName").asText());
                assertThat(record.get("finishedAt").path("S").asText()).isEqualTo(first.outcome().path("finishedAt").asText());
            });
            assertThat(second.historyRecords()).singleElement()
                    .satisfies(record -> assertThat(record.get("outcome").path("S").asText()).isEqualTo(second.outcomeName()));
            assertThat(first.historyRecords().get(0).get("record").path("S").asText())
                    .isLessThan(second.historyRecords().get(0).get("record").path("S").asText());
            UpgradeInvariants.check(first, input);
            UpgradeInvariants.check(second, input);
        }
    }
}
