package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.START;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.MapRunDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * "Using Map state in Distributed mode" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html):
 * every item is a child workflow execution with "its own, separate execution history", all of them a
 * Map Run (DescribeMapRun); the Map Run fails once the failed items exceed ToleratedFailureCount or
 * ToleratedFailurePercentage (both 0 by default), and the state then fails with
 * States.ExceedToleratedFailureThreshold (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 */
class DistributedMapConformanceTest {
    private final AwsExample example = new AwsExample();

    /** A Distributed Map over the input; each child bakes $states.input minutes, and fails on a negative item. */
    private static String fleet(String tolerance) {
        return machine("Waves", """
                "Waves": {"Type": "Map", "MaxConcurrency": 25, "Label": "Wave"%s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "Bake", "States": {
                            "Bake": {"Type": "Wait", "Seconds": "{%% $abs($states.input) * 60 %%}", "Next": "Check"},
                            "Check": {"Type": "Choice", "Choices": [{"Condition": "{%% $states.input < 0 %%}", "Next": "Broke"}],
                                      "Default": "Upgraded"},
                            "Upgraded": {"Type": "Pass", "Output": {"minutes": "{%% $states.input %%}", "by": "{%% $states.context.Execution.Id %%}"}, "End": true},
                            "Broke": {"Type": "Fail", "Error": "Upgrade.Failed", "Cause": "{%% 'item ' & $string($states.input) %%}"}}},
                    "End": true}""".formatted(tolerance));
    }

    @Test
    void everyItemIsAChildExecution_runningConcurrently_withResultsInItemOrder() {
        String items = IntStream.range(0, 50).mapToObj(i -> "12").toList().toString();

        ExecutionResult result = example.run(fleet(""), items);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // 50 items at MaxConcurrency 25: two rounds of 12 minutes.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(24));
        assertThat(result.output()).hasSize(50);
        List<ExecutionDescription> children = example.engine.executions().stream()
                .filter(e -> e.mapRunArn() != null).toList();
        assertThat(children).hasSize(50).allSatisfy(child -> {
            assertThat(child.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:execution:LocalStateMachine/Wave:");
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(child.parentExecutionArn()).isEqualTo(LocalEngine.executionArn("exec-1"));
        });
        assertThat(result.output().get(7).get("by").asText()).isEqualTo(children.get(7).executionArn());
        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0);
        assertThat(mapRun.mapRunArn()).startsWith("arn:aws:states:us-east-1:000000000000:mapRun:LocalStateMachine/Wave:");
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.SUCCEEDED);
        assertThat(mapRun.executionCounts()).isEqualTo(new MapRunDescription.Counts(0, 0, 50, 0, 0, 0, 50, 0));
        assertThat(children.get(0).mapRunArn()).isEqualTo(mapRun.mapRunArn());
        assertThat(example.engine.history(children.get(0).executionArn())).extracting(e -> e.type())
                .startsWith(HistoryEventType.EXECUTION_STARTED).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void failuresWithinTheToleratedCount_leaveTheirErrorInTheResults_andTheMapSucceeds() {
        ExecutionResult result = example.run(fleet(", \"ToleratedFailureCount\": 1"), "[1, -1, 1]");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get(1)).isEqualTo(json("{\"Error\": \"Upgrade.Failed\", \"Cause\": \"item -1\"}"));
        assertThat(example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0).executionCounts().failed()).isEqualTo(1);
    }

    @Test
    void failuresPastTheTolerance_failTheMapRun_withExceedToleratedFailureThreshold_andStopTheRunningChildren() {
        ExecutionResult result = example.run(fleet(", \"ToleratedFailurePercentage\": 20"), "[-1, 30, 30, 30]");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        // One of four failed (25% > 20%) at minute 1; the other three were stopped then, not baked for 30 minutes.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(1));
        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0);
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.FAILED);
        assertThat(mapRun.executionCounts()).isEqualTo(new MapRunDescription.Counts(0, 0, 0, 1, 0, 3, 4, 0));
    }

    @Test
    void noToleranceByDefault_theFirstFailedChildFailsTheMapRun() {
        ExecutionResult result = example.run(fleet(""), "[1, -2, 5]");

        assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void stoppingTheParent_abortsTheMapRun_andStopsItsChildren() {
        String parentArn = example.register("Fleet", fleet(""));
        example.engine.start(parentArn, "fleet-1", json("[30, 30]"));
        example.engine.runUntil(START.plus(Duration.ofMinutes(5)));

        example.engine.stop(LocalEngine.executionArn(parentArn, "fleet-1"), null, null);

        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn(parentArn, "fleet-1")).get(0);
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.ABORTED);
        assertThat(mapRun.executionCounts().aborted()).isEqualTo(2);
        assertThat(example.engine.executions()).filteredOn(e -> e.mapRunArn() != null)
                .extracting(ExecutionDescription::status).containsOnly(ExecutionStatus.ABORTED);
    }

    @Test
    void theChildren_cannotSeeTheParentsVariables() {
        ExecutionResult result = example.run(machine("Set", """
                "Set": {"Type": "Pass", "Assign": {"secret": 42}, "Next": "Fan"},
                "Fan": {"Type": "Map", "Items": [1],
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Read",
                        "States": {"Read": {"Type": "Pass", "Output": "{% $exists($secret) %}", "End": true}}},
                    "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("[false]"));
    }

    @Test
    void itemReader_readsTheItemsFromAJsonArrayInS3_throughTheInvoker() {
        example.task("arn:aws:states:::s3:getObject", arguments -> {
            assertThat(arguments).isEqualTo(json("{\"Bucket\": \"fleet-lists\", \"Key\": \"waves/1.json\"}"));
            return json("{\"Body\": \"[1, 2, 3, 4]\"}");
        });

        ExecutionResult result = example.run(machine("Waves", """
                "Waves": {"Type": "Map",
                    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": 3},
                                   "Arguments": {"Bucket": "fleet-lists", "Key": "{% $states.input.list %}"}},
                    "ItemSelector": {"app": "{% $states.context.Map.Item.Value %}"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Echo",
                        "States": {"Echo": {"Type": "Pass", "End": true}}},
                    "End": true}"""), "{\"list\": \"waves/1.json\"}");

        assertThat(result.output()).isEqualTo(json("[{\"app\": 1}, {\"app\": 2}, {\"app\": 3}]"));
    }

    @Test
    void itemReader_contentThatIsNoArray_failsWithItemReaderFailed() {
        example.task("arn:aws:states:::s3:getObject", arguments -> json("{\"Body\": \"{}\"}"));

        ExecutionResult result = example.run(machine("Waves", """
                "Waves": {"Type": "Map",
                    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                                   "Arguments": {"Bucket": "b", "Key": "k"}},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Echo",
                        "States": {"Echo": {"Type": "Pass", "End": true}}},
                    "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("States.ItemReaderFailed");
    }

    @Test
    void resultWriter_writesTheResultFilesAndTheManifest_andTheStateAnswersWhereTheyAre() {
        Map<String, JsonNode> written = new LinkedHashMap<>();
        example.task("arn:aws:states:::s3:putObject", arguments -> {
            written.put(arguments.get("Key").asText(), json(arguments.get("Body").asText()));
            return json("{}");
        });

        ExecutionResult result = example.run(machine("Waves", """
                "Waves": {"Type": "Map", "ToleratedFailureCount": 1,
                    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Arguments": {"Bucket": "results", "Prefix": "fleet"}},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Check",
                        "States": {"Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input < 0 %}", "Next": "Broke"}], "Default": "Fine"},
                                   "Fine": {"Type": "Pass", "Output": {"ok": "{% $states.input %}"}, "End": true},
                                   "Broke": {"Type": "Fail", "Error": "Upgrade.Failed", "Cause": "broken"}}},
                    "End": true}"""), "[1, -1, 2]");

        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0);
        String id = mapRun.mapRunArn().substring(mapRun.mapRunArn().lastIndexOf(':') + 1);
        assertThat(result.output()).isEqualTo(json("""
                {"MapRunArn": "%s", "ResultWriterDetails": {"Bucket": "results", "Key": "fleet/%s/manifest.json"}}"""
                .formatted(mapRun.mapRunArn(), id)));
        assertThat(written.keySet()).containsExactly("fleet/" + id + "/FAILED_0.json", "fleet/" + id + "/SUCCEEDED_0.json",
                "fleet/" + id + "/manifest.json");
        assertThat(written.get("fleet/" + id + "/SUCCEEDED_0.json")).hasSize(2).allSatisfy(child -> {
            assertThat(child.get("Status").asText()).isEqualTo("SUCCEEDED");
            assertThat(child.get("Output").isTextual()).isTrue();
        });
        assertThat(written.get("fleet/" + id + "/FAILED_0.json").get(0).get("Error").asText()).isEqualTo("Upgrade.Failed");
        assertThat(written.get("fleet/" + id + "/manifest.json").get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText())
                .isEqualTo("fleet/" + id + "/SUCCEEDED_0.json");
        assertThat(mapRun.executionCounts().resultsWritten()).isEqualTo(3);
    }
}
