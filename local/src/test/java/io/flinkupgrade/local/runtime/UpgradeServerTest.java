package io.flinkupgrade.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/** serve's Step Functions API running the real upgrade workflow, driven by the AWS SDK sfn client. */
class UpgradeServerTest {
    private static final Path CONSOLE_INPUT = Path.of(System.getProperty("flinkupgrade.root", ".."), "events", "console-input.json");

    @Test
    void anUpgradeStartedThroughTheSdkRunsToItsOutcomeAndRecordsAwsHistory() throws Exception {
        // Time runs 20 times as fast: the shortest bake the input allows (240 s) takes 12 s, and a task's own run
        // time (a cold start takes about a second) stays well inside its 30 s TimeoutSeconds.
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 20, n -> { });
                SfnClient sfn = sfn(server)) {
            String input = input().replace("\"bakeSeconds\": 600", "\"bakeSeconds\": 240");
            String arn = sfn.startExecution(r -> r.stateMachineArn(server.stateMachineArn()).name("orders-enricher-FLINK-1_20")
                    .input(input)).executionArn();

            DescribeExecutionResponse done = awaitEnd(sfn, arn);
            List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(1000)).events();

            assertThat(server.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:flink-upgrade");
            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(TaskJson.mapper().readTree(done.output()).path("outcome").asText()).isEqualTo("UPGRADED");
            assertThat(events).extracting(HistoryEvent::type)
                    .contains(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.TASK_SCHEDULED,
                            HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                            HistoryEventType.PARALLEL_STATE_ENTERED)
                    .doesNotContain(HistoryEventType.UNKNOWN_TO_SDK_VERSION)
                    .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(server.lease("orders-enricher")).as("the lease is released when the execution ends").isEmpty();
        }
    }

    @Test
    void stoppingAnUpgradeDuringItsBakeAbortsItAndReleasesItsLease() throws Exception {
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 20, n -> { });
                SfnClient sfn = sfn(server)) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(server.stateMachineArn()).input(input())).executionArn();
            awaitEntered(sfn, arn, "CheckHealth");
            assertThat(server.lease("orders-enricher")).as("held while the upgrade runs").isPresent();

            sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("stopped during the bake"));
            DescribeExecutionResponse stopped = awaitEnd(sfn, arn);

            assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(stopped.error()).isEqualTo("Operator.Aborted");
            assertThat(awaitLeaseReleased(server)).isTrue();
            ApplicationView application = server.emulator().application("orders-enricher").orElseThrow();
            assertThat(application.runtime()).as("an abort leaves the application as it is: upgraded, not rolled back")
                    .isEqualTo("FLINK-1_20");
        }
    }

    /**
     * A fleet in miniature, served beside the upgrade: a Distributed Map whose every item starts the upgrade
     * state machine with states:startExecution.sync:2, as the fleet workflow does. Each execution is one AWS
     * shows: the child upgrade under the upgrade machine with its own history, the Map Run's child under its
     * mapRunArn, and the parent's history holds neither's events.
     */
    private static final String FLEET = """
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Wave",
              "States": {
                "Wave": {
                  "Type": "Map",
                  "Label": "Wave",
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
                    "StartAt": "Upgrade",
                    "States": {
                      "Upgrade": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::states:startExecution.sync:2",
                        "Arguments": {
                          "StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:flink-upgrade",
                          "Name": "{% $states.input.applicationName & '-in-fleet' %}",
                          "Input": "{% $states.input %}"
                        },
                        "Output": "{% {'applicationName': $states.input.applicationName, 'outcome': $states.result.Output.outcome} %}",
                        "End": true
                      }
                    }
                  },
                  "End": true
                }
              }
            }
            """;

    @Test
    void aFleetStartedThroughTheSdkRunsItsUpgradeAsAChildExecutionWithItsOwnHistory() throws Exception {
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 20, n -> { });
                SfnClient sfn = sfn(server)) {
            String fleetArn = server.stepFunctions().register("fleet", StateMachineDefinition.parse(FLEET, Map.of())).arn();
            String upgrade = input().replace("\"bakeSeconds\": 600", "\"bakeSeconds\": 240");
            String arn = sfn.startExecution(r -> r.stateMachineArn(fleetArn).name("fleet-1").input("[" + upgrade + "]"))
                    .executionArn();

            DescribeExecutionResponse fleet = awaitEnd(sfn, arn);
            List<MapRunListItem> mapRuns = sfn.listMapRuns(r -> r.executionArn(arn)).mapRuns();
            DescribeMapRunResponse mapRun = sfn.describeMapRun(r -> r.mapRunArn(mapRuns.get(0).mapRunArn()));
            List<ExecutionListItem> mapRunChildren = sfn.listExecutions(r -> r.mapRunArn(mapRun.mapRunArn())).executions();
            List<ExecutionListItem> upgrades = sfn.listExecutions(r -> r.stateMachineArn(server.stateMachineArn())).executions();
            String childArn = "arn:aws:states:us-east-1:000000000000:execution:flink-upgrade:orders-enricher-in-fleet";
            DescribeExecutionResponse child = sfn.describeExecution(r -> r.executionArn(childArn));
            List<HistoryEvent> childHistory = sfn.getExecutionHistory(r -> r.executionArn(childArn).maxResults(1000)).events();
            List<HistoryEvent> fleetHistory = sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(1000)).events();

            assertThat(fleet.status()).as(fleet.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(TaskJson.mapper().readTree(fleet.output()))
                    .isEqualTo(TaskJson.mapper().readTree("[{\"applicationName\":\"orders-enricher\",\"outcome\":\"UPGRADED\"}]"));
            assertThat(mapRuns).singleElement().satisfies(run -> assertThat(run.executionArn()).isEqualTo(arn));
            assertThat(mapRun.status()).isEqualTo(MapRunStatus.SUCCEEDED);
            assertThat(mapRun.executionCounts().succeeded()).isEqualTo(1L);
            assertThat(mapRunChildren).singleElement().satisfies(item -> {
                assertThat(item.mapRunArn()).isEqualTo(mapRun.mapRunArn());
                assertThat(item.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            });
            assertThat(upgrades).extracting(ExecutionListItem::executionArn).containsExactly(childArn);
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(TaskJson.mapper().readTree(child.output()).path("outcome").asText()).isEqualTo("UPGRADED");
            assertThat(childHistory).extracting(HistoryEvent::type)
                    .startsWith(HistoryEventType.EXECUTION_STARTED)
                    .contains(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.WAIT_STATE_ENTERED)
                    .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(fleetHistory).extracting(HistoryEvent::type)
                    .as("the upgrade's events are in its own history, not the fleet's")
                    .doesNotContain(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.TASK_SCHEDULED)
                    .containsOnlyOnce(HistoryEventType.EXECUTION_STARTED)
                    .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(server.lease("orders-enricher")).as("the child upgrade's lease is released when it ends").isEmpty();
        }
    }

    @Test
    void theFleetStateMachineRunsOnServeAndItsUpgradesAreTheUpgradeMachinesExecutions() throws Exception {
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("fleet-healthy"), 0, 20, n -> { });
                SfnClient sfn = sfn(server)) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(server.fleetStateMachineArn()).name("fleet-FLINK-1_20")
                    .input(twoApplicationFleet())).executionArn();

            DescribeExecutionResponse fleet = awaitEnd(sfn, arn);
            List<ExecutionListItem> upgrades = sfn.listExecutions(r -> r.stateMachineArn(server.stateMachineArn())).executions();
            List<MapRunListItem> waves = sfn.listMapRuns(r -> r.executionArn(arn)).mapRuns();
            JsonNode outcome = TaskJson.mapper().readTree(fleet.output());

            assertThat(server.fleetStateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:flink-upgrade-fleet");
            assertThat(sfn.listStateMachines().stateMachines()).extracting(StateMachineListItem::name)
                    .containsExactlyInAnyOrder("flink-upgrade", "flink-upgrade-fleet");
            assertThat(fleet.status()).as(fleet.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(outcome.path("outcome").asText()).isEqualTo("COMPLETED");
            assertThat(outcome.path("applications")).isEqualTo(TaskJson.mapper().readTree(
                    "{\"payments-01\":\"UPGRADED\",\"payments-02\":\"UPGRADED\"}"));
            assertThat(waves).as("the canary's Map Run, then the next wave's").hasSize(2);
            assertThat(upgrades).extracting(ExecutionListItem::status).containsOnly(ExecutionStatus.SUCCEEDED);
            assertThat(upgrades).extracting(ExecutionListItem::name)
                    .as("one child execution of the upgrade state machine per application")
                    .hasSize(2).allMatch(name -> name.startsWith("payments-0"));
            assertThat(server.lease("payments-01")).isEmpty();
            assertThat(server.lease("payments-02")).isEmpty();
        }
    }

    /** Two of fleet-healthy's applications, a canary then a wave, with the shortest bake: about a minute at x20. */
    private static String twoApplicationFleet() {
        return """
                {
                  "targetRuntime": "FLINK-1_20",
                  "applications": [
                    {"applicationName": "payments-01", "code": {"bucketArn": "arn:aws:s3:::artifacts", "fileKey": "payments-01.jar"}},
                    {"applicationName": "payments-02", "code": {"bucketArn": "arn:aws:s3:::artifacts", "fileKey": "payments-02.jar"}}
                  ],
                  "defaults": {"health": {"bakeSeconds": 240}},
                  "rollout": {"canarySize": 1}
                }
                """;
    }

    private static String input() {
        try {
            return Files.readString(CONSOLE_INPUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SfnClient sfn(UpgradeServer server) {
        return SfnClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn) throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(arn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(arn + " still running after 2 minutes");
    }

    private static void awaitEntered(SfnClient sfn, String arn, String state) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            boolean entered = sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(1000)).events().stream()
                    .anyMatch(e -> e.stateEnteredEventDetails() != null && state.equals(e.stateEnteredEventDetails().name()));
            if (entered) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(arn + " never entered " + state);
    }

    /** The cleanup runs on the execution's thread just after it ends. */
    private static boolean awaitLeaseReleased(UpgradeServer server) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (server.lease("orders-enricher").isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
